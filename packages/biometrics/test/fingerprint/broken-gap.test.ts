import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFingerprint } from '../../src/index';
import { BLOCK, computeField } from '../../src/fingerprint/extract/field';
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

const near = (ms: { x: number; y: number }[]) => ms.filter((m) => Math.abs(m.x - 121.5) < 6 && m.y > 95 && m.y < 145).length;

/** Run `fn` with MINUTIAE overrides, restoring the defaults afterwards. */
function withMinutiae<T>(overrides: Partial<typeof MINUTIAE>, fn: () => T): T {
  const saved = { ...MINUTIAE };
  try { Object.assign(MINUTIAE, overrides); return fn(); } finally { Object.assign(MINUTIAE, saved); }
}

void test('with brokenValley set, facing endings across a light valley are kept; with it off they are removed as a broken ridge', () => {
  const image = gapImage(true);
  assert.equal(withMinutiae({ brokenValley: -Infinity }, () => near(extractFingerprint(image).minutiae)), 0);
  assert.equal(withMinutiae({ brokenValley: 0.3, brokenValleyMinClarity: 0 }, () => near(extractFingerprint(image).minutiae)), 2);
});

/** Ridges of contrast ±60 with a gap lighter than their valleys (grey 250), about 1.2 periods long: a real ridge break. */
function clearBreak(): GreyImage {
  const width = 240, height = 240;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.hypot((x - width / 2) / (width * 0.45), (y - height / 2) / (height * 0.45)) < 1;
      let v = 128 + 60 * Math.cos((2 * Math.PI * (x - 4.5)) / 9 + Math.PI);
      if (y >= 114 && y <= 126 && Math.abs(x - 121.5) < 4.5) v = 250;
      pixels[y * width + x] = inside ? Math.round(v) : 255;
    }
  }
  return { width, height, ppi: 500, pixels };
}

void test('by default a light break of at least a ridge period in clear ridges keeps both endings', () => {
  const image = clearBreak();
  assert.equal(near(extractFingerprint(image).minutiae), 2, 'the defaults keep a real ridge break');
  assert.equal(withMinutiae({ brokenValley: -Infinity }, () => near(extractFingerprint(image).minutiae)), 0, 'without the grey-level check it is healed away');
  // A gap shorter than the minimum length (here 1.5 periods ≈ 15 px > the 12 px between the endings) is healed.
  assert.equal(withMinutiae({ brokenValleyMinGap: 1.5 }, () => near(extractFingerprint(image).minutiae)), 0);
});

void test('the light-break rule applies only where the ridges are clear: the clarity at the endings decides', () => {
  const image = clearBreak();
  const field = computeField(image.pixels, image.width, image.height);
  const kept = extractFingerprint(image).minutiae.filter((m) => Math.abs(m.x - 121.5) < 6 && m.y > 95 && m.y < 145);
  assert.equal(kept.length, 2);
  const clarity = Math.min(...kept.map((m) => field.clarity[((m.y / BLOCK) | 0) * field.bw + ((m.x / BLOCK) | 0)]));
  assert.ok(clarity >= MINUTIAE.brokenValleyMinClarity, `clarity ${clarity} at the endings`);
  assert.equal(withMinutiae({ brokenValleyMinClarity: clarity - 0.01 }, () => near(extractFingerprint(image).minutiae)), 2);
  assert.equal(withMinutiae({ brokenValleyMinClarity: clarity + 0.01 }, () => near(extractFingerprint(image).minutiae)), 0, 'below the clarity limit the break is healed');
});
