import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareTemplate, type FingerprintTemplate } from '../../src/index';
import { cylinderSimilarity } from '../../src/fingerprint/match/cylinders';
import { compareRaw, PAIRING } from '../../src/fingerprint/match/compare';
import { buildProbeIndex } from '../../src/fingerprint/match/prepare';
import { randomTemplate, transformed } from './fixtures';

/** Index of the minutia nearest the template's centre (its cylinder lies fully on the print). */
function central(t: FingerprintTemplate): number {
  let best = 0, bestD = Infinity;
  t.minutiae.forEach((m, k) => {
    const d = Math.hypot(m.x - t.width / 2, m.y - t.height / 2);
    if (d < bestD) { bestD = d; best = k; }
  });
  return best;
}

void test('a minutia cylinder is unchanged by rotation and translation and differs from another print', () => {
  const a = randomTemplate(11, 60);
  const k = central(a);
  const pa = prepareTemplate(a);
  for (const [theta, dx, dy] of [[0.7, 20, -30], [Math.PI, -40, 0], [-2, 0, 60]] as const) {
    const pb = prepareTemplate(transformed(a, theta, dx, dy));
    const same = cylinderSimilarity(pa.cylinders, k, pb.cylinders, k);
    assert.ok(same > 0.85, `rotation ${theta}: similarity ${same}`);
  }
  const other = prepareTemplate(randomTemplate(12, 60));
  const k2 = central(randomTemplate(12, 60));
  const different = cylinderSimilarity(pa.cylinders, k, other.cylinders, k2);
  assert.ok(different < 0.6, `unrelated cylinders ${different}`);
  // Symmetric.
  assert.equal(different, cylinderSimilarity(other.cylinders, k2, pa.cylinders, k));
});

void test('a cylinder notices neighbours missing on the other side', () => {
  const a = randomTemplate(13, 60);
  const k = central(a);
  const c = a.minutiae[k];
  // Remove half of the minutiae within the disc around minutia k.
  let dropped = 0;
  const thinned = {
    ...a,
    minutiae: a.minutiae.filter((m, i) => i === k || Math.hypot(m.x - c.x, m.y - c.y) > 80 || dropped++ % 2 === 1),
  };
  assert.ok(dropped >= 6, `only ${dropped} neighbours`);
  const pa = prepareTemplate(a), pt = prepareTemplate(thinned);
  const kt = thinned.minutiae.indexOf(c);
  const full = cylinderSimilarity(pa.cylinders, k, pa.cylinders, k);
  const partial = cylinderSimilarity(pa.cylinders, k, pt.cylinders, kt);
  assert.ok(Math.abs(full - 1) < 1e-9, `self similarity ${full}`);
  assert.ok(partial < 0.85, `half the neighbours gone, similarity still ${partial}`);
});

/** What the cylinder cue (LSS, without the consolidation term: consolidation.test.ts) adds to the raw similarity of (a, b). */
function cylinderTerm(a: FingerprintTemplate, b: FingerprintTemplate): number {
  const pa = prepareTemplate(a), pb = prepareTemplate(b);
  const saved = PAIRING.cylinderWeight, savedConsolidation = PAIRING.consolidationWeight;
  PAIRING.consolidationWeight = 0;
  try {
    PAIRING.cylinderWeight = 0;
    const without = compareRaw(pa, buildProbeIndex(pa), pb).raw;
    PAIRING.cylinderWeight = saved;
    return (compareRaw(pa, buildProbeIndex(pa), pb).raw - without) / saved;
  } finally {
    PAIRING.cylinderWeight = saved;
    PAIRING.consolidationWeight = savedConsolidation;
  }
}

void test('the cylinder cue adds local similarity for a rotated, jittered copy and little for another print', () => {
  const a = randomTemplate(21);
  for (const theta of [0.2, 1.1, Math.PI, -2.4]) {
    const genuine = cylinderTerm(a, transformed(randomTemplate(21), theta, 15, -25, 3, 2, 0.1));
    assert.ok(genuine > 0.7 && genuine <= 1, `rotation ${theta}: cylinder term ${genuine}`);
  }
  for (const seed of [22, 23, 24]) {
    const impostor = cylinderTerm(a, randomTemplate(seed));
    assert.ok(impostor < 0.5, `impostor ${seed}: cylinder term ${impostor}`);
  }
});
