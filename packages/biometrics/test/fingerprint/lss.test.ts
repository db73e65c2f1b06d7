import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareTemplate, type FingerprintTemplate } from '../../src/index';
import { CYLINDER, CYLINDER_WORDS, MASK_WORDS, type Cylinders } from '../../src/fingerprint/match/cylinders';
import { allPairsSimilaritySort, allPairsSimilaritySortReference, lssImplementation, relaxedSimilaritySort } from '../../src/fingerprint/match/lss';
import { compareRaw, PAIRING } from '../../src/fingerprint/match/compare';
import { buildProbeIndex } from '../../src/fingerprint/match/prepare';
import { randomTemplate, transformed } from './fixtures';

const bit = (words: Int32Array, offset: number, k: number): number => (words[offset + (k >> 5)] >>> (k & 31)) & 1;

/** Cylinder similarity written plainly from its definition: 0/1 cell values, Euclidean norms over the common valid cells. */
function plainSimilarity(a: Cylinders, i: number, b: Cylinders, j: number): number {
  if (!a.usable[i] || !b.usable[j]) return 0;
  let common = 0, dd = 0, aa = 0, bb = 0;
  for (let cell = 0; cell < 64; cell++) {
    if (!bit(a.valid, i * MASK_WORDS, cell) || !bit(b.valid, j * MASK_WORDS, cell)) continue;
    common++;
    for (let k = 0; k < CYLINDER_WORDS / 2; k++) {
      const va = bit(a.bits, i * CYLINDER_WORDS, k * 64 + cell), vb = bit(b.bits, j * CYLINDER_WORDS, k * 64 + cell);
      dd += (va - vb) ** 2; aa += va * va; bb += vb * vb;
    }
  }
  if (common < CYLINDER.minCommonShare * a.discCells || aa + bb === 0) return 0;
  return 1 - Math.sqrt(dd) / (Math.sqrt(aa) + Math.sqrt(bb));
}

/** Mean of the nP best gated similarities by sorting every one of them. */
function plainLss(p: ReturnType<typeof prepareTemplate>, g: ReturnType<typeof prepareTemplate>, rotation: number, maxAngle: number, nP: number): number {
  const sims: number[] = [];
  for (let i = 0; i < p.n; i++) {
    for (let j = 0; j < g.n; j++) {
      let d = (g.angle[j] - p.angle[i] - rotation) & 255;
      if (d > 128) d -= 256;
      if (Math.abs(d) <= maxAngle) sims.push(plainSimilarity(p.cylinders, i, g.cylinders, j));
    }
  }
  sims.sort((x, y) => y - x);
  return sims.slice(0, nP).reduce((s, v) => s + v, 0) / nP;
}

function fixturePairs(): Array<[FingerprintTemplate, FingerprintTemplate]> {
  const pairs: Array<[FingerprintTemplate, FingerprintTemplate]> = [];
  for (const seed of [31, 32, 33]) {
    const a = randomTemplate(seed, 30 + seed % 3 * 10);
    pairs.push([a, transformed(a, 0.4 * seed, 10, -20, seed, 3, 0.15)]); // mates: rotated, jittered, some dropped
    pairs.push([a, randomTemplate(seed + 100, 25)]); // impostors
  }
  return pairs;
}

void test('the WebAssembly all-pairs similarity sort loads and equals the JavaScript reference bit for bit', () => {
  assert.equal(lssImplementation(), 'wasm');
  for (const [a, b] of fixturePairs()) {
    const pa = prepareTemplate(a), pb = prepareTemplate(b);
    for (const [rotation, maxAngle, nP] of [[0, 128, 8], [0, 128, 1], [17, 32, 12], [240, 64, 16], [100, 5, 4], [3, 128, 64]]) {
      const fast = allPairsSimilaritySort(pa.cylinders, pa.angle, pb.cylinders, pb.angle, rotation, maxAngle, nP);
      const reference = allPairsSimilaritySortReference(pa.cylinders, pa.angle, pb.cylinders, pb.angle, rotation, maxAngle, nP);
      assert.equal(fast, reference, `rotation ${rotation}, gate ${maxAngle}, nP ${nP}`);
      const plain = plainLss(pa, pb, rotation, maxAngle, nP);
      assert.ok(Math.abs(fast - plain) < 1e-12, `plain float computation ${plain} vs ${fast}`);
    }
  }
});

void test('the all-pairs cue finds mates and gives impostors less, and the matcher scores the same on either path', () => {
  const saved = PAIRING.cylinderPairs;
  try {
    const sims = fixturePairs().map(([a, b]) => {
      const pa = prepareTemplate(a), pb = prepareTemplate(b);
      PAIRING.cylinderPairs = 'all';
      const fast = compareRaw(pa, buildProbeIndex(pa), pb).raw;
      PAIRING.cylinderPairs = 'all-js';
      assert.equal(compareRaw(pa, buildProbeIndex(pa), pb).raw, fast);
      return allPairsSimilaritySort(pa.cylinders, pa.angle, pb.cylinders, pb.angle, 0, 128, 8);
    });
    for (let k = 0; k < sims.length; k += 2) assert.ok(sims[k] > 0.75 && sims[k + 1] < sims[k] - 0.2, `mate ${sims[k]}, impostor ${sims[k + 1]}`);
  } finally {
    PAIRING.cylinderPairs = saved;
  }
});

void test('LSS with relaxation (experimental, off by default) keeps mates high and lowers impostors', () => {
  const pairs = fixturePairs();
  for (let k = 0; k < pairs.length; k += 2) {
    const [a, mate] = pairs[k], other = pairs[k + 1][1];
    const pa = prepareTemplate(a), pm = prepareTemplate(mate), po = prepareTemplate(other);
    const m = relaxedSimilaritySort(pa.cylinders, pa, pm.cylinders, pm, 8), o = relaxedSimilaritySort(pa.cylinders, pa, po.cylinders, po, 8);
    const plainImpostor = allPairsSimilaritySort(pa.cylinders, pa.angle, po.cylinders, po.angle, 0, 128, 8);
    assert.ok(m > 0.45 && m > o + 0.25, `mate ${m}, impostor ${o}`);
    assert.ok(o < plainImpostor, `relaxation should lower an impostor's local similarity: ${o} vs ${plainImpostor}`);
  }
});
