// Pairwise comparison: edge agreement votes for minutia correspondences, the best-supported ones seed
// rigid alignments, and a distance-tolerant greedy pairing under each alignment gives the raw score.
import {
  ANGLE_TOLERANCE, binOf, EDGE_STRIDE, lengthTolerance, wrap, type PreparedTemplate, type ProbeIndex,
} from './prepare';

const ROOTS = 6;
const PAIR_ANGLE_TOLERANCE = Math.PI / 6;
const BASE_DISTANCE_TOLERANCE = 12;
// Skin stretches: allow more positional slack the farther a minutia is from the alignment seed.
const DISTANCE_TOLERANCE_SLOPE = 0.06;
const COVER_RADIUS = 35;
const MIN_OVERLAP = 12;

export interface RawComparison {
  /** Raw similarity (uncalibrated). */
  raw: number;
  matched: number;
  rotation: number;
}

function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}

let votes = new Uint16Array(0);
let rotCos = new Float32Array(0);
let rotSin = new Float32Array(0);

export function compareRaw(p: PreparedTemplate, index: ProbeIndex, g: PreparedTemplate): RawComparison {
  const np = p.n, ng = g.n;
  if (np < 3 || ng < 3) return { raw: 0, matched: 0, rotation: 0 };
  const size = np * ng;
  if (votes.length < size) {
    votes = new Uint16Array(size * 2);
    rotCos = new Float32Array(size * 2);
    rotSin = new Float32Array(size * 2);
  }
  votes.fill(0, 0, size);
  rotCos.fill(0, 0, size);
  rotSin.fill(0, 0, size);
  const { directed, start, entries } = index;
  const ge = g.edges;
  for (let e = 0; e < g.edgeCount; e++) {
    const o = e * EDGE_STRIDE;
    const d = ge[o + 2], b1 = ge[o + 3], b2 = ge[o + 4];
    const bin = binOf(d, b1, b2);
    const td = lengthTolerance(d);
    for (let k = start[bin], end = start[bin + 1]; k < end; k++) {
      const f = entries[k] * EDGE_STRIDE;
      if (Math.abs(directed[f + 2] - d) > td) continue;
      if (angleDiff(directed[f + 3], b1) > ANGLE_TOLERANCE || angleDiff(directed[f + 4], b2) > ANGLE_TOLERANCE) continue;
      const r = ge[o + 5] - directed[f + 5];
      const c = Math.cos(r), s = Math.sin(r);
      const pa = directed[f] * ng + ge[o], pb = directed[f + 1] * ng + ge[o + 1];
      votes[pa]++; rotCos[pa] += c; rotSin[pa] += s;
      votes[pb]++; rotCos[pb] += c; rotSin[pb] += s;
    }
  }
  // Pick the most-voted correspondences as alignment seeds.
  const roots: number[] = [];
  for (let k = 0; k < size; k++) {
    const v = votes[k];
    if (v < 2) continue;
    if (roots.length < ROOTS) {
      roots.push(k);
      roots.sort((a, b) => votes[b] - votes[a]);
    } else if (v > votes[roots[ROOTS - 1]]) {
      roots[ROOTS - 1] = k;
      roots.sort((a, b) => votes[b] - votes[a]);
    }
  }
  let best: RawComparison = { raw: 0, matched: 0, rotation: 0 };
  for (const root of roots) {
    const pi = (root / ng) | 0, gi = root - pi * ng;
    const rotation = Math.atan2(rotSin[root], rotCos[root]);
    const result = alignAndPair(p, g, pi, gi, rotation);
    if (result.raw > best.raw) best = result;
  }
  return best;
}

let pairCost = new Float32Array(0);
let pairIdx = new Int32Array(0);
let tx = new Float32Array(0), ty = new Float32Array(0);
let usedG = new Uint8Array(0), usedP = new Uint8Array(0), coveredG = new Uint8Array(0);

function alignAndPair(p: PreparedTemplate, g: PreparedTemplate, pi: number, gi: number, rotation: number): RawComparison {
  const np = p.n, ng = g.n;
  if (tx.length < np) { tx = new Float32Array(256); ty = new Float32Array(256); usedP = new Uint8Array(256); }
  if (usedG.length < ng) { usedG = new Uint8Array(256); coveredG = new Uint8Array(256); }
  if (pairCost.length < np * ng) { pairCost = new Float32Array(np * ng * 2); pairIdx = new Int32Array(np * ng * 2); }
  const c = Math.cos(rotation), s = Math.sin(rotation);
  const px0 = p.x[pi], py0 = p.y[pi], gx0 = g.x[gi], gy0 = g.y[gi];
  for (let k = 0; k < np; k++) {
    const dx = p.x[k] - px0, dy = p.y[k] - py0;
    tx[k] = gx0 + c * dx - s * dy;
    ty[k] = gy0 + s * dx + c * dy;
  }
  usedG.fill(0, 0, ng); usedP.fill(0, 0, np); coveredG.fill(0, 0, ng);
  let pairs = 0, pCovered = 0;
  const cover2 = COVER_RADIUS * COVER_RADIUS;
  for (let k = 0; k < np; k++) {
    const ak = p.angle[k] + rotation;
    const fromRoot = Math.hypot(tx[k] - gx0, ty[k] - gy0);
    const tol = BASE_DISTANCE_TOLERANCE + DISTANCE_TOLERANCE_SLOPE * fromRoot;
    const tol2 = tol * tol;
    let covered = false;
    for (let l = 0; l < ng; l++) {
      const dx = tx[k] - g.x[l], dy = ty[k] - g.y[l];
      const d2 = dx * dx + dy * dy;
      if (d2 > cover2 && d2 > tol2) continue;
      covered = true;
      coveredG[l] = 1;
      if (d2 > tol2) continue;
      const da = angleDiff(ak, g.angle[l]);
      if (da > PAIR_ANGLE_TOLERANCE) continue;
      pairCost[pairs] = Math.sqrt(d2) / tol + da / PAIR_ANGLE_TOLERANCE;
      pairIdx[pairs] = k * ng + l;
      pairs++;
    }
    if (covered) pCovered++;
  }
  // Greedy one-to-one assignment, cheapest pairs first.
  const order = Array.from({ length: pairs }, (_, i) => i).sort((a, b) => pairCost[a] - pairCost[b]);
  let matched = 0, quality = 0;
  for (const o of order) {
    const k = (pairIdx[o] / ng) | 0, l = pairIdx[o] - k * ng;
    if (usedP[k] || usedG[l]) continue;
    usedP[k] = 1; usedG[l] = 1;
    matched++;
    quality += 1 - 0.5 * Math.min(1, pairCost[o] / 2);
  }
  let gCovered = 0;
  for (let l = 0; l < ng; l++) gCovered += coveredG[l];
  const norm = Math.sqrt(Math.max(MIN_OVERLAP, pCovered) * Math.max(MIN_OVERLAP, gCovered));
  const raw = (quality * matched) / norm;
  return { raw, matched, rotation: wrap(rotation) };
}
