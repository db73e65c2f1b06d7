import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFingerprint, FingerprintExtractionError, NO_ORIENTATION } from '../../src/index';
import { forkImage } from './fixtures';

void test('finds the single fork of a synthetic ridge pattern where it was drawn', () => {
  const { minutiae, quality, template } = extractFingerprint(forkImage());
  assert.ok(minutiae.length >= 1 && minutiae.length <= 3, `found ${minutiae.length} minutiae`);
  const nearest = Math.min(...minutiae.map((m) => Math.hypot(m.x - 120, m.y - 120)));
  assert.ok(nearest < 8, `nearest minutia ${nearest.toFixed(1)} px from the fork`);
  assert.ok(quality >= 1 && quality <= 5);
  assert.equal(template.ppi, 500);
});

void test('extraction is deterministic and rejects inconsistent images', () => {
  const a = extractFingerprint(forkImage());
  const b = extractFingerprint(forkImage());
  assert.deepEqual(a.minutiae, b.minutiae);
  assert.throws(() => extractFingerprint({ width: 100, height: 100, ppi: 500, pixels: new Uint8Array(10) }), FingerprintExtractionError);
});

void test('a 1000 ppi image is rescaled so minutiae land in the 500 ppi frame', () => {
  const big = forkImage(480, 480, 240, 240);
  const { minutiae, template } = extractFingerprint({ ...big, ppi: 1000 });
  assert.equal(template.width, 240);
  assert.ok(minutiae.some((m) => Math.hypot(m.x - 120, m.y - 120) < 10));
});

void test('the template carries a coarse orientation field that follows the drawn ridges', () => {
  const { template } = extractFingerprint(forkImage());
  const f = template.orientation;
  assert.ok(f, 'no orientation field');
  assert.equal(f.cell, 16);
  assert.equal(f.cols, Math.ceil(240 / 16));
  assert.equal(f.angles.length, f.cols * f.rows);
  // The fixture's ridges run vertically (phase varies with x): 90° away from the fork.
  const fg = Array.from(f.angles).filter((a) => a !== NO_ORIENTATION);
  assert.ok(fg.length > 60, `${fg.length} foreground cells`);
  const near = fg.filter((a) => Math.abs(a - 90) <= 15).length;
  assert.ok(near / fg.length > 0.8, `${near} of ${fg.length} cells within 15° of vertical`);
  // Background (the white surround) is marked as such.
  assert.equal(f.angles[0], NO_ORIENTATION);
});

void test('the template carries a ridge-period field on the orientation cells that reads the drawn period', () => {
  const { template } = extractFingerprint(forkImage());
  const p = template.ridgePeriod, f = template.orientation;
  assert.ok(p && f, 'no period field');
  assert.deepEqual([p.cell, p.cols, p.rows], [f.cell, f.cols, f.rows]);
  assert.equal(p.values.length, p.cols * p.rows);
  // The fixture's ridges repeat every 9 px: tenths of a pixel, about 90 where there is a print, 0 outside.
  const fg = Array.from(p.values).filter((v) => v !== 0);
  assert.ok(fg.length > 60, `${fg.length} foreground cells`);
  const near = fg.filter((v) => Math.abs(v - 90) <= 10).length;
  assert.ok(near / fg.length > 0.8, `${near} of ${fg.length} cells within 1 px of the drawn period: ${fg.slice(0, 12).join(' ')}`);
  assert.equal(p.values[0], 0);
});
