import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFingerprint } from '../../src/index';
import { computeField } from '../../src/fingerprint/extract/field';
import { gapDarkness, MINUTIAE } from '../../src/fingerprint/extract/minutiae';
import type { GreyImage } from '../../src/image/grey-image';

/** Vertical ridges of period 9 px inside an ellipse; the ridge at x ≈ 121.5 is interrupted for y in [gap0, gap1] when `light`. */
function gapImage(light: boolean, gap0 = 112, gap1 = 128): GreyImage {
  const width = 240, height = 240;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.hypot((x - width / 2) / (width * 0.45), (y - height / 2) / (height * 0.45)) < 1;
      let v = 128 + 90 * Math.cos((2 * Math.PI * (x - 4.5)) / 9 + Math.PI);
      if (light && y >= gap0 && y <= gap1 && Math.abs(x - 121.5) < 4.5) v = 218;
      pixels[y * width + x] = inside ? Math.round(v) : 255;
    }
  }
  return { width, height, ppi: 500, pixels };
}

const p = { x: 121, y: 111, theta: Math.PI / 2, bifurcation: false, quality: 100 };   // pointing down, out of the upper ridge
const q = { x: 121, y: 129, theta: -Math.PI / 2, bifurcation: false, quality: 100 };  // pointing up, out of the lower ridge

void test('gap darkness reads the grey image: a light valley across the gap is near 0, a continuing ridge near 1', () => {
  const light = gapImage(true), dark = gapImage(false);
  const lightGap = gapDarkness(light.pixels, computeField(light.pixels, 240, 240), p, q);
  const darkGap = gapDarkness(dark.pixels, computeField(dark.pixels, 240, 240), p, q);
  assert.ok(lightGap < 0.2, `light gap scored ${lightGap}`);
  assert.ok(darkGap > 0.8, `continuing ridge scored ${darkGap}`);
});

void test('with brokenValley set, facing endings across a light valley are kept; by default they are removed as a broken ridge', () => {
  const image = gapImage(true);
  const near = (ms: { x: number; y: number }[]) => ms.filter((m) => Math.abs(m.x - 121.5) < 6 && m.y > 100 && m.y < 140).length;
  const saved = MINUTIAE.brokenValley;
  try {
    MINUTIAE.brokenValley = -Infinity;
    assert.equal(near(extractFingerprint(image).minutiae), 0);
    MINUTIAE.brokenValley = 0.3;
    assert.equal(near(extractFingerprint(image).minutiae), 2);
  } finally {
    MINUTIAE.brokenValley = saved;
  }
});
