import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareTemplate, type FingerprintTemplate, type PreparedTemplate } from '../../src/index';
import { allPairsSimilaritySort, allPairsSimilaritySortReference, rowBest } from '../../src/fingerprint/match/lss';
import { consolidatedSimilarity, lastConsolidation } from '../../src/fingerprint/match/consolidation';
import { compareRaw, PAIRING } from '../../src/fingerprint/match/compare';
import { buildProbeIndex } from '../../src/fingerprint/match/prepare';
import { randomTemplate, transformed } from './fixtures';

/** The left half of the print turned by 0.9 rad about its own centre and the right half moved 80 px: each half
 * keeps its own geometry (and, away from the cut, its cylinders), but the two halves no longer fit one rigid motion. */
function split(t: FingerprintTemplate): FingerprintTemplate {
  const cut = t.width / 2, c = Math.cos(0.9), s = Math.sin(0.9), ox = cut / 2, oy = t.height / 2;
  const minutiae = t.minutiae.map((m) => m.x < cut
    ? { ...m, x: c * (m.x - ox) + s * (m.y - oy) + ox + 200, y: -s * (m.x - ox) + c * (m.y - oy) + oy + 200, angle: (m.angle + 0.9) % (2 * Math.PI) }
    : { ...m, x: m.x + 280, y: m.y + 200 });
  return { ...t, width: t.width + 500, height: t.height + 400, minutiae };
}

function consolidate(p: PreparedTemplate, g: PreparedTemplate): { lss: number; score: number; consistent: number } {
  const lss = allPairsSimilaritySort(p.cylinders, p.angle, g.cylinders, g.angle, 0, 128, 12, true);
  const score = consolidatedSimilarity(p, g, 12);
  return { lss, score, consistent: lastConsolidation.consistent };
}

void test('the WebAssembly sort leaves the same best partner per probe minutia as the JavaScript reference, and the same LSS with or without it', () => {
  for (const seed of [41, 42, 43]) {
    const a = prepareTemplate(randomTemplate(seed, 35));
    for (const b of [prepareTemplate(transformed(randomTemplate(seed, 35), 0.3 * seed, 5, 9, seed, 3, 0.2)), prepareTemplate(randomTemplate(seed + 50, 30))]) {
      for (const [rotation, maxAngle, nP] of [[0, 128, 12], [20, 40, 8]]) {
        const without = allPairsSimilaritySort(a.cylinders, a.angle, b.cylinders, b.angle, rotation, maxAngle, nP, false);
        const fast = allPairsSimilaritySort(a.cylinders, a.angle, b.cylinders, b.angle, rotation, maxAngle, nP, true);
        assert.equal(fast, without);
        const partner = Array.from(rowBest.partner.subarray(0, a.n)), similarity = Array.from(rowBest.similarity.subarray(0, a.n));
        rowBest.partner.fill(-7);
        assert.equal(allPairsSimilaritySortReference(a.cylinders, a.angle, b.cylinders, b.angle, rotation, maxAngle, nP), fast);
        assert.deepEqual(Array.from(rowBest.partner.subarray(0, a.n)), partner);
        assert.deepEqual(Array.from(rowBest.similarity.subarray(0, a.n)), similarity);
        assert.ok(partner.some((j) => j >= 0), 'some probe minutia has a partner');
      }
    }
  }
});

void test('consolidation keeps a rigidly moved mate whole, cuts a print whose halves moved apart, and leaves impostors low', () => {
  for (const seed of [51, 52, 53]) {
    const base = randomTemplate(seed, 60);
    const a = prepareTemplate(base);
    const mate = consolidate(a, prepareTemplate(transformed(base, 1.1, 10, -20, seed, 2, 0.1)));
    const halves = consolidate(a, prepareTemplate(split(base)));
    const impostor = consolidate(a, prepareTemplate(randomTemplate(seed + 100, 60)));
    assert.ok(mate.consistent >= 15 && mate.score > 0.75, `mate: ${JSON.stringify(mate)}`);
    // Each half still matches locally (LSS stays high), but only one half survives consolidation.
    assert.ok(halves.lss > 0.75, `halves LSS ${halves.lss}`);
    assert.ok(halves.consistent < 0.75 * mate.consistent, `halves keep ${halves.consistent} of ${mate.consistent}`);
    assert.ok(impostor.score < mate.score - 0.3 && impostor.consistent <= 5, `impostor: ${JSON.stringify(impostor)}`);
  }
});

void test('the consolidation term lifts a mate more than an impostor, and the matcher scores the same on the WebAssembly and JavaScript paths', () => {
  const saved = { ...PAIRING };
  try {
    const base = randomTemplate(61, 45), a = prepareTemplate(base);
    const raw = (g: PreparedTemplate, weight: number, pairs: typeof PAIRING.cylinderPairs = 'all'): number => {
      Object.assign(PAIRING, saved, { consolidationWeight: weight, consolidationMinRaw: 0, cylinderPairs: pairs });
      return compareRaw(a, buildProbeIndex(a), g).raw;
    };
    const mate = prepareTemplate(transformed(base, 0.5, 0, 0, 61, 2, 0.2)), impostor = prepareTemplate(randomTemplate(161, 45));
    const liftMate = raw(mate, 20) - raw(mate, 0), liftImpostor = raw(impostor, 20) - raw(impostor, 0);
    assert.ok(liftMate > 14 && liftMate > liftImpostor + 6, `lift mate ${liftMate}, impostor ${liftImpostor}`);
    assert.equal(raw(mate, 20, 'all-js'), raw(mate, 20));
    assert.equal(raw(impostor, 20, 'all-js'), raw(impostor, 20));
  } finally {
    Object.assign(PAIRING, saved);
  }
});

void test('each geometric check of the consolidation rejects what it should: direction differences, distances, and the turn of the joining vector', () => {
  // Six candidate pairs, probe minutia i ↔ gallery minutia i, all of equal similarity; rowBest set by hand.
  const px = [0, 60, 120, 30, 90, 150], py = [0, 40, -20, 110, 90, 60], pa = [10, 40, 70, 100, 130, 160];
  const frame = (xs: number[], ys: number[], angles: number[]) => ({ x: Float32Array.from(xs), y: Float32Array.from(ys), angle: Uint8Array.from(angles, (v) => v & 255) });
  const run = (g: ReturnType<typeof frame>): number => {
    rowBest.partner.fill(-1);
    for (let i = 0; i < 6; i++) { rowBest.partner[i] = i; rowBest.similarity[i] = 0.8; }
    consolidatedSimilarity(frame(px, py, pa), g, 12);
    return lastConsolidation.consistent;
  };
  const turn = 0.6, c = Math.cos(turn), s = Math.sin(turn), units = Math.round((turn / (2 * Math.PI)) * 256);
  const rx = px.map((x, i) => c * x - s * py[i] + 300), ry = px.map((x, i) => s * x + c * py[i] - 50);
  assert.equal(run(frame(rx, ry, pa.map((a) => a + units))), 6, 'a rigid motion keeps every pair');
  assert.equal(run(frame(px.map((x) => x + 40), py, pa.map((a, i) => a + (i % 2 ? 60 : 0)))), 3, 'direction differences that disagree split the pairs');
  assert.ok(run(frame(px.map((x) => 1.6 * x), py.map((y) => 1.6 * y), pa)) <= 2, 'distances that disagree');
  assert.ok(run(frame(rx, ry, pa)) <= 2, 'positions turned while directions are not');
});
