import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate, compareRawScore, compareTemplates, EXTRAPOLATION_DECADES, fitCalibration, MAX_CALIBRATED_SCORE, decodeTemplate, encodeTemplate, fuseTenPrint, FingerprintGallery, DuplicateGalleryIdError } from '../../src/index';
import { CALIBRATION_POINTS, CALIBRATION_RESOLUTION } from '../../src/fingerprint/match/calibration-table';
import { PAIRING } from '../../src/fingerprint/match/compare';
import { randomTemplate, transformed } from './fixtures';
import type { FingerprintTemplate } from '../../src/index';

void test('self-match scores high and impostors score low', () => {
  const a = randomTemplate(1), b = randomTemplate(2);
  const self = compareTemplates(a, a);
  const impostor = compareTemplates(a, b);
  assert.ok(self > 6, `self score ${self}`);
  assert.ok(impostor < 2, `impostor score ${impostor}`);
});

void test('score is invariant to rotation and translation and tolerant of jitter and dropout', () => {
  const a = randomTemplate(3);
  const self = compareTemplates(a, a);
  for (const [theta, dx, dy] of [[0.4, 30, -20], [Math.PI / 2, -50, 10], [-2.5, 0, 80]] as const) {
    const exact = compareTemplates(a, transformed(a, theta, dx, dy));
    assert.ok(exact > 0.9 * self, `rotation ${theta}: ${exact} vs self ${self}`);
    const noisy = compareTemplates(a, transformed(a, theta, dx, dy, 7, 3, 0.2));
    assert.ok(noisy > 4, `noisy rotated copy scored ${noisy}`);
    assert.ok(noisy > compareTemplates(a, randomTemplate(99)) + 2);
  }
});

void test('comparison is symmetric, deterministic and survives the compact format', () => {
  const a = randomTemplate(4), b = transformed(randomTemplate(4), 1, 5, 5, 3, 2, 0.1);
  assert.equal(compareTemplates(a, b), compareTemplates(b, a));
  // Same minutia count on both sides: the order must still not matter.
  const c = transformed(randomTemplate(4), 0.3, 0, 0, 9, 2.5, 0), d = transformed(randomTemplate(4), -0.5, 10, 0, 11, 2.5, 0);
  assert.equal(c.minutiae.length, d.minutiae.length);
  assert.equal(compareTemplates(c, d), compareTemplates(d, c));
  assert.equal(compareTemplates(a, b), compareTemplates(a, b));
  // Whole-pixel rounding in the compact format may move a score a little.
  const direct = compareTemplates(a, b), viaCompact = compareTemplates(decodeTemplate(encodeTemplate(a)), b);
  assert.ok(Math.abs(viaCompact - direct) < Math.max(0.5, 0.02 * direct), `${viaCompact} vs ${direct}`);
});

void test('calibrated score is monotone in the raw similarity and starts at zero', () => {
  assert.equal(calibrate(0), 0);
  let previous = -1;
  for (let raw = 0; raw < 500; raw += 0.5) {
    const s = calibrate(raw);
    assert.ok(s >= previous, `not monotone at ${raw}`);
    previous = s;
  }
  assert.ok(calibrate(400) > calibrate(10));
});

void test('calibrated tail is capped a fixed number of decades above the impostor data it was fitted on', () => {
  const [lastRaw, lastScore] = CALIBRATION_POINTS[CALIBRATION_POINTS.length - 1];
  // Past the table the tail still rises (extrapolation) ...
  assert.ok(calibrate(lastRaw + 1) > lastScore);
  // ... but never beyond resolution + EXTRAPOLATION_DECADES, however strong the match.
  assert.ok(Math.abs(MAX_CALIBRATED_SCORE - (CALIBRATION_RESOLUTION + EXTRAPOLATION_DECADES)) < 1e-12);
  assert.ok(MAX_CALIBRATED_SCORE > 6 && MAX_CALIBRATED_SCORE < 9, `cap ${MAX_CALIBRATED_SCORE}`);
  for (const raw of [lastRaw * 10, 1e4, 1e9, Number.MAX_VALUE]) assert.equal(calibrate(raw), MAX_CALIBRATED_SCORE);
  // A genuine comparison of a template with a transformed copy of itself scores at most the cap.
  const a = randomTemplate(77);
  const s = compareTemplates(a, transformed(a, 0.4, 15, -20, 0, 0, 0));
  assert.ok(s > 4 && s <= MAX_CALIBRATED_SCORE, `self-match score ${s}`);
});

void test('fitCalibration reports the resolution of its impostor data', () => {
  let seed = 5;
  const raw = Array.from({ length: 10_000 }, () => { seed = (seed * 16807) % 2147483647; return (seed / 2147483647) * 50; });
  const fit = fitCalibration(raw);
  assert.equal(fit.impostors, 10_000);
  assert.ok(Math.abs(fit.resolution - 4) < 1e-12);
  // Quarter-decade steps down to where at least 10 impostors remain: 10^-3 of 10,000.
  assert.equal(fit.points[fit.points.length - 1][1], 3);
});

void test('gallery finds the mate first, supports removal, rejects duplicate ids', () => {
  const gallery = new FingerprintGallery();
  for (let k = 0; k < 300; k++) gallery.add(`f${k}`, randomTemplate(1000 + k), { subjectId: `p${k % 100}` });
  const mate = randomTemplate(1042);
  const probe = transformed(mate, 0.7, 20, -10, 5, 2, 0.15);
  const hits = gallery.search(probe, { topK: 3, candidates: 30 });
  assert.equal(hits[0].id, 'f42');
  assert.equal(hits[0].subjectId, 'p42');
  assert.ok(hits[0].score > hits[1].score);
  assert.deepEqual(gallery.search(probe, { topK: 1, exhaustive: true })[0].id, 'f42');
  assert.throws(() => gallery.add('f42', mate), DuplicateGalleryIdError);
  assert.equal(gallery.remove('f42'), true);
  assert.equal(gallery.remove('f42'), false);
  assert.equal(gallery.size, 299);
  assert.notEqual(gallery.search(probe, { topK: 1 })[0].id, 'f42');
});

void test('ten-print fusion sums finger scores and ignores fingers not compared', () => {
  const d = fuseTenPrint([3, undefined, 2.5, 0]);
  assert.equal(d.score, 5.5);
  assert.equal(d.fingersCompared, 3);
  assert.equal(d.match, false);
  assert.equal(fuseTenPrint([4, 4]).match, true);
  assert.throws(() => fuseTenPrint([-1]), RangeError);
});

void test('prefilter cut: the k-th largest similarity, with ties and duplicates', async () => {
  const { kthLargest } = await import('../../src/fingerprint/search/gallery');
  let seed = 7;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1000) / 10;
  for (const n of [1, 2, 5, 100, 1001]) {
    const values = Float32Array.from({ length: n }, next);
    const sorted = values.slice().sort().reverse();
    for (const k of [1, Math.ceil(n / 3), n]) assert.equal(kthLargest(values.slice(), k), sorted[k - 1], `n ${n} k ${k}`);
  }
  assert.equal(kthLargest(new Float32Array([3, 3, 3, 1]), 3), 3);
  assert.equal(kthLargest(new Float32Array([3, 3, 3, 1]), 4), 1);
});

/** A uniform orientation field at `degrees` over a template's frame. */
function uniformField(t: FingerprintTemplate, degrees: number): FingerprintTemplate {
  const cols = Math.ceil(t.width / 16), rows = Math.ceil(t.height / 16);
  return { ...t, orientation: { cell: 16, cols, rows, angles: new Uint8Array(cols * rows).fill(((degrees % 180) + 180) % 180) } };
}

void test('orientation fields that agree after alignment raise the score; fields that disagree cut it', () => {
  // The cylinder cue is added after this one and independently of it; leave it out here.
  const savedCylinders = PAIRING.cylinderWeight;
  PAIRING.cylinderWeight = 0;
  try {
    orientationCueChecks();
  } finally {
    PAIRING.cylinderWeight = savedCylinders;
  }
});

function orientationCueChecks(): void {
  const a = randomTemplate(31);
  const theta = 0.6; // radians, counter-clockwise
  const b = transformed(a, theta, 10, -15, 3, 2, 0.2);
  // Raw similarities: the calibrated scores of so clear a mate sit at the cap.
  const minutiaeOnly = compareRawScore(a, b);
  assert.ok(minutiaeOnly > 30, `mate raw ${minutiaeOnly}`);
  const turned = 40 + (theta * 180) / Math.PI;
  const at = (offset: number): number => compareRawScore(uniformField(a, 40), uniformField(b, turned + offset));
  // Full agreement keeps the minutiae score and adds the bonus for the common area.
  assert.ok(at(0) > minutiaeOnly + 1, `agreeing fields ${at(0)} vs minutiae only ${minutiaeOnly}`);
  // 20° off (cos 40° ≈ 0.77, below the bonus floor): no bonus, and the score is scaled down.
  assert.ok(at(20) < minutiaeOnly && at(20) > 0.3 * minutiaeOnly, `20° off ${at(20)} vs ${minutiaeOnly}`);
  // Crossed fields (90°): nothing left.
  assert.equal(at(90), 0);
  // Only one side with a field: the cue is not used.
  assert.equal(compareRawScore(uniformField(a, 40), b), minutiaeOnly);
  assert.equal(compareTemplates(uniformField(a, 40), uniformField(b, turned)), compareTemplates(uniformField(b, turned), uniformField(a, 40)));
}
