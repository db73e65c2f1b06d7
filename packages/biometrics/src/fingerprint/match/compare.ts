// Pairwise comparison in three steps:
// 1. every gallery edge looks up probe edges of similar length and relative minutia angles (rotation and
//    translation invariant); each agreement votes for the two minutia correspondences at its ends;
// 2. the most-voted correspondences seed a pairing that grows along agreeing edges, cheapest first, so
//    only locally consistent geometry is required (tolerant of elastic skin distortion);
// 3. the raw similarity is the squared count of agreeing edges inside the pairing, normalised by template sizes.
import { NO_ORIENTATION } from '../types';
import { consolidatedSimilarity } from './consolidation';
import { cylinderSimilarity } from './cylinders';
import { allPairsSimilaritySort, allPairsSimilaritySortReference, relaxedSimilaritySort } from './lss';
import { NO_PERIOD, PARAMS, TURN, type OrientationCells, type PeriodCells, type PreparedTemplate, type ProbeIndex } from './prepare';

export const PAIRING = {
  roots: 4,
  /** Largest deviation of an edge's rotation from the seed's rotation, 1/256 turn. */
  rotationTolerance: 10,
  minOverlap: 10,
  /** Normalise by the minutiae inside the estimated common area instead of all minutiae (0 = off). */
  overlapRadius: 0,
  /**
   * Second cue: agreement of the two orientation fields over their common area once the winning
   * pairing's rigid transform is applied. raw × ((1 − w) + w · clamp((A − a0) / (1 − a0))) (+ the bonus below), where A is the
   * mean cos(2Δθ) over cells both fields cover; used only when both templates carry a field and at
   * least `orientationMinCells` cells overlap. w = 0 turns it off.
   */
  orientationWeight: 1,
  orientationFloor: 0.5,
  orientationMinCells: 10,
  /**
   * Below this raw similarity (about the top quarter of impostor comparisons, far from any operating
   * threshold) the cue is skipped: it could only lower a score that is already near 0. Saves most of its cost.
   */
  orientationMinRaw: 1,
  /**
   * Fields that agree closely over a large common area are evidence in their own right (a print with
   * few minutiae can still match): raw += bonus · clamp((A − b0) / (1 − b0)) · cells / 100. Impostors
   * rarely reach A ≥ 0.93 (about one in ten over the minutiae pairing's alignment), genuine pairs mostly do.
   */
  orientationBonus: 10,
  orientationBonusFloor: 0.93,
  /**
   * Third cue: raw += cylinderWeight × LSS, the local-similarity-sort score of the minutia cylinders: the
   * mean of the best nP cylinder similarities over every probe × gallery minutia pair ('all', computed by
   * the WebAssembly module in lss.ts) or over the edge vote's seed correspondences ('seeds'), counting
   * only pairs whose direction difference is within `cylinderMaxAngle` of the seeds' most common rotation
   * (128 = no gate). 0 turns it off.
   */
  cylinderWeight: 80,
  /** 1/256 turn; 128 lets every pair through (then the cue needs no rotation estimate at all). */
  cylinderMaxAngle: 128,
  /** nP grows from cylinderMinPairs to cylinderMaxPairs with the smaller template's usable cylinder count (sigmoid around 20). */
  cylinderMinPairs: 4,
  cylinderMaxPairs: 16,
  /**
   * Centre the direction gate on 0 instead of on the seeds' most common rotation, i.e. assume both
   * fingers were placed upright (as in FVC). Not rotation invariant, so off; measured in the README.
   */
  cylinderUpright: false,
  /**
   * Which correspondences the LSS looks at: every minutia pair ('all'; 'all-js' = the same in plain
   * JavaScript, for tests) or the seed list only ('seeds', the previous round's cue).
   */
  cylinderPairs: 'all' as 'seeds' | 'all' | 'all-js' | 'relax',
  /** Experimental: raw also += relaxWeight × LSS-R (lss.ts, JavaScript; 0 = off). */
  relaxWeight: 0,
  /**
   * Fourth cue: raw += consolidationWeight × the consolidated cylinder similarity (consolidation.ts): each
   * probe minutia's best cylinder partner, one-to-one, kept only within the best mutually consistent subset
   * (distances, direction differences and turns agreeing); the sum of its nP = consolidationPairs best
   * similarities / nP. 0 turns it off.
   */
  consolidationWeight: 20,
  consolidationPairs: 12,
  /**
   * Below this raw similarity (edge pairing, orientation and LSS: about the median impostor) the
   * consolidation is skipped to save time; its gain comes from pairs above it.
   */
  consolidationMinRaw: 36,
  /**
   * Ridge-period cue, with the orientation cue (same alignment, same cells; only when both templates carry a
   * period field, i.e. compact version 3): D = mean |ln(probe period / gallery period)| over the common cells;
   * raw ← raw · (1 − periodWeight · clamp((D − periodFloor) / (periodCeil − periodFloor)))
   *        + periodBonus · clamp((periodBonusCeil − D) / periodBonusCeil) · cells / 100.
   * Genuine pairs: median D ≈ 0.05 (FVC2004 0.06–0.07); impostors ≈ 0.10–0.14. periodWeight 0 turns it off.
   */
  periodWeight: 0.8,
  periodFloor: 0.1,
  periodCeil: 0.2,
  periodBonus: 5,
  periodBonusCeil: 0.08,
};

export interface RawComparison {
  raw: number;
  matched: number;
  support: number;
}

const MAX_AGREEMENTS = 1 << 14;
let votes = new Uint16Array(0);
let head = new Int32Array(0);
const agreeA = new Int32Array(MAX_AGREEMENTS), agreeB = new Int32Array(MAX_AGREEMENTS);
const agreeRot = new Uint8Array(MAX_AGREEMENTS), agreeErr = new Float32Array(MAX_AGREEMENTS);
const nextLink = new Int32Array(2 * MAX_AGREEMENTS);
const roots = new Int32Array(64);
const seeds = new Int32Array(2 * MAX_AGREEMENTS);

export function compareRaw(p: PreparedTemplate, index: ProbeIndex, g: PreparedTemplate): RawComparison {
  const np = p.n, ng = g.n;
  if (np < 3 || ng < 3) return { raw: 0, matched: 0, support: 0 };
  const size = np * ng;
  if (votes.length < size) {
    votes = new Uint16Array(size * 2);
    head = new Int32Array(size * 2);
  }
  votes.fill(0, 0, size);
  head.fill(-1, 0, size);
  const start = index.start;
  const tol = PARAMS.edgeAngleTolerance;
  const gbin = g.bin, gtol = g.tolerance, gl = g.length, gbi = g.bi, gbj = g.bj, gphi = g.phi, gei = g.ei, gej = g.ej;
  const pl = index.length, pbi = index.bi, pbj = index.bj, pphi = index.phi, pdi = index.di, pdj = index.dj;
  const invTol = 1 / tol, tol2 = 2 * tol;
  // Module buffers as locals: the vote loop then keeps them in registers instead of reloading module slots.
  const vt = votes, hd = head, aA = agreeA, aB = agreeB, aRot = agreeRot, aErr = agreeErr, link = nextLink, sd = seeds;
  const gEdges = g.edgeCount;
  let m = 0, seedCount = 0;
  for (let e = 0; e < gEdges && m < MAX_AGREEMENTS; e++) {
    const d = gl[e], b1 = gbi[e], b2 = gbj[e];
    const bin = gbin[e];
    const td = gtol[e];
    const invTd = 1 / td;
    for (let f = start[bin], end = start[bin + 1]; f < end; f++) {
      const dd = pl[f] - d;
      if (Math.abs(dd) > td) continue;
      // Circular distance ≤ tol exactly when the difference shifted by tol lands in 0..2·tol (tol < 128).
      if (((pbi[f] - b1 + tol) & 255) > tol2 || ((pbj[f] - b2 + tol) & 255) > tol2) continue;
      let a1 = (pbi[f] - b1) & 255;
      if (a1 > 128) a1 = 256 - a1;
      let a2 = (pbj[f] - b2) & 255;
      if (a2 > 128) a2 = 256 - a2;
      const pa = pdi[f] * ng + gei[e], pb = pdj[f] * ng + gej[e];
      // Correspondences reaching two votes are the only possible seeds; list them as they arise.
      if (++vt[pa] === 2) sd[seedCount++] = pa;
      if (++vt[pb] === 2) sd[seedCount++] = pb;
      aA[m] = pa;
      aB[m] = pb;
      aRot[m] = (gphi[e] - pphi[f]) & 255;
      aErr[m] = Math.abs(dd) * invTd + (a1 + a2) * invTol;
      // Each agreement is reachable from both of its correspondences (link 2m from pa, 2m+1 from pb).
      link[2 * m] = hd[pa]; hd[pa] = 2 * m;
      link[2 * m + 1] = hd[pb]; hd[pb] = 2 * m + 1;
      if (++m === MAX_AGREEMENTS) break;
    }
  }
  normP = p.weightedCount;
  normG = g.weightedCount;
  const R = PAIRING.roots;
  let count = 0;
  // The R most-voted seeds, ties broken by the lower correspondence index so that the choice is the
  // same every time: a strict total order, so the top R need no sort of the seed list.
  for (let s = 0; s < seedCount; s++) {
    const k = seeds[s];
    const v = votes[k];
    if (v < 2) continue;
    if (count === R) {
      const last = roots[R - 1], lv = votes[last];
      if (v < lv || (v === lv && k > last)) continue;
    }
    let pos = count < R ? count++ : R - 1;
    while (pos > 0) {
      const prev = roots[pos - 1], pv = votes[prev];
      if (pv > v || (pv === v && prev < k)) break;
      roots[pos] = prev; pos--;
    }
    roots[pos] = k;
  }
  let bestRaw = 0, bestMatched = 0, bestSupport = 0;
  let bestRoot = -1;
  const useField = PAIRING.orientationWeight > 0 && p.field !== undefined && g.field !== undefined;
  for (let r = 0; r < count; r++) {
    const raw = grow(roots[r], np, ng);
    if (raw > bestRaw) {
      bestRaw = raw; bestMatched = grownMatched; bestSupport = grownSupport; bestRoot = r;
      if (useField) rigidFromPairing(p, g, np, bestT);
    }
  }
  let best: RawComparison = { raw: bestRaw, matched: bestMatched, support: bestSupport };
  if (useField && best.matched >= 3 && best.raw >= PAIRING.orientationMinRaw) {
    const w = PAIRING.orientationWeight, a0 = PAIRING.orientationFloor;
    const agreement = orientationAgreement(p.field!, g.field!, bestT, PAIRING.periodWeight > 0);
    if (agreement.cells >= PAIRING.orientationMinCells) {
      const a = Math.min(1, Math.max(0, (agreement.mean - a0) / (1 - a0)));
      const b0 = PAIRING.orientationBonusFloor;
      const bonus = (PAIRING.orientationBonus * Math.max(0, (agreement.mean - b0) / (1 - b0)) * agreement.cells) / 100;
      best = { ...best, raw: best.raw * (1 - w + w * a) + bonus };
    }
    if (PAIRING.periodWeight > 0 && p.period && g.period) {
      // Ridge-period cue under the same alignment: D = mean |ln(period ratio)| over the common cells.
      const d = periodPass.cells >= 0 ? { mean: periodPass.cells ? periodPass.sum / periodPass.cells : 0, cells: periodPass.cells } : periodDisagreement(p.period, g.period, bestT);
      if (d.cells >= PAIRING.orientationMinCells) {
        const cut = Math.min(1, Math.max(0, (d.mean - PAIRING.periodFloor) / (PAIRING.periodCeil - PAIRING.periodFloor)));
        const bonus = (PAIRING.periodBonus * Math.max(0, (PAIRING.periodBonusCeil - d.mean) / PAIRING.periodBonusCeil) * d.cells) / 100;
        best = { ...best, raw: best.raw * (1 - PAIRING.periodWeight * cut) + bonus };
      }
    }
  }
  if (PAIRING.cylinderWeight > 0) {
    // Evidence from the minutiae's neighbourhoods that needs no global alignment, added after the
    // orientation cue (scaling it by the rigid field agreement as well cost 4 pt on FVC2004): it rescues
    // genuine pairs whose edge pairing or rigid alignment breaks up (distorted or minutia-poor prints).
    best = { ...best, raw: best.raw + PAIRING.cylinderWeight * localSimilaritySort(p, g, seedCount) };
    // Consolidation: the same cylinders' best partners, counted only where they are mutually consistent
    // (candidates left by the all-pairs sort just run, hence only with 'all' / 'all-js').
    if (PAIRING.consolidationWeight > 0 && seedCount > 0 && best.raw >= PAIRING.consolidationMinRaw && (PAIRING.cylinderPairs === 'all' || PAIRING.cylinderPairs === 'all-js')) {
      best = { ...best, raw: best.raw + PAIRING.consolidationWeight * consolidatedSimilarity(p, g, PAIRING.consolidationPairs) };
    }
    if (PAIRING.relaxWeight > 0 && seedCount > 0) best = { ...best, raw: best.raw + PAIRING.relaxWeight * relaxedSimilaritySort(p.cylinders, p, g.cylinders, g, lssPairs(p, g)) };
  }
  if (PAIRING.overlapRadius > 0 && bestRoot >= 0 && best.matched >= 3) {
    // Re-run the winning pairing to recover its correspondences, then rescore by the common area.
    grow(roots[bestRoot], np, ng);
    best = rescoreByOverlap(p, g, best);
  }
  return best;
}

const topSims = new Float64Array(64);
const rotationVotes = new Float64Array(32);

/** Most common direction difference (gallery − probe, 1/256 turn) over the seed correspondences, vote-weighted. */
function seedRotation(p: PreparedTemplate, g: PreparedTemplate, seedCount: number): number {
  rotationVotes.fill(0);
  const ng = g.n;
  for (let e = 0; e < seedCount; e++) {
    const k = seeds[e];
    const i = (k / ng) | 0, j = k - i * ng;
    rotationVotes[((g.angle[j] - p.angle[i]) & 255) >> 3] += votes[k];
  }
  let best = 0, bestV = -1;
  for (let b = 0; b < 32; b++) {
    const v = rotationVotes[(b + 31) & 31] + 2 * rotationVotes[b] + rotationVotes[(b + 1) & 31];
    if (v > bestV) { bestV = v; best = b; }
  }
  return best * 8 + 4;
}

function lssPairs(p: PreparedTemplate, g: PreparedTemplate): number {
  const z = 1 / (1 + Math.exp(-0.4 * (Math.min(p.cylinders.usableCount, g.cylinders.usableCount) - 20)));
  return Math.min(topSims.length, Math.round(PAIRING.cylinderMinPairs + z * (PAIRING.cylinderMaxPairs - PAIRING.cylinderMinPairs)));
}

/**
 * Local Similarity Sort (after Cappelli et al. 2010): the mean of the nP best cylinder similarities,
 * nP = minPairs + sigmoid(smaller usable cylinder count) · (maxPairs − minPairs), over every minutia pair
 * (cylinderPairs 'all', by default, in WebAssembly: lss.ts) or over the edge vote's seed correspondences
 * (≥ 2 votes; 'seeds'). With cylinderMaxAngle < 128 a pair counts only when its direction difference is
 * within that of the seeds' most common direction difference (seedRotation), so the cue stays rotation
 * invariant; the default (128) has no gate. A comparison without any seed (nothing in common) gets 0.
 * Cylinders live in their minutia's frame and need no alignment. 0..1.
 */
function localSimilaritySort(p: PreparedTemplate, g: PreparedTemplate, seedCount: number): number {
  if (seedCount === 0) return 0;
  const maxAngle = PAIRING.cylinderMaxAngle;
  const rotation = PAIRING.cylinderUpright || maxAngle >= 128 ? 0 : seedRotation(p, g, seedCount);
  const nP = lssPairs(p, g);
  if (nP <= 0) return 0;
  const cp = p.cylinders, cg = g.cylinders, ng = g.n;
  let kept = 0, floor = 0;
  if (PAIRING.cylinderPairs === 'all-js') return allPairsSimilaritySortReference(cp, p.angle, cg, g.angle, rotation, maxAngle, nP);
  if (PAIRING.cylinderPairs === 'relax') return relaxedSimilaritySort(cp, p, cg, g, nP);
  if (PAIRING.cylinderPairs === 'all') return allPairsSimilaritySort(cp, p.angle, cg, g.angle, rotation, maxAngle, nP, PAIRING.consolidationWeight > 0);
  for (let e = 0; e < seedCount; e++) {
    const k = seeds[e];
    const i = (k / ng) | 0, j = k - i * ng;
    if (((g.angle[j] - p.angle[i] - rotation + maxAngle) & 255) > 2 * maxAngle) continue;
    const v = cylinderSimilarity(cp, i, cg, j);
    if (kept === nP && v <= floor) continue;
    // Insert into the descending list of the best nP.
    let pos = kept < nP ? kept++ : nP - 1;
    while (pos > 0 && topSims[pos - 1] < v) { topSims[pos] = topSims[pos - 1]; pos--; }
    topSims[pos] = v;
    if (kept === nP) floor = topSims[nP - 1];
  }
  let sum = 0;
  for (let k = 0; k < kept; k++) sum += topSims[k];
  return sum / nP;
}

const pairedP = new Int16Array(256), pairedG = new Int16Array(256);
const nearP = new Uint8Array(256), nearG = new Uint8Array(256);
const overlapT = new Float64Array(6);

/**
 * Under the pairing's rigid transform (`rigidFromPairing`), a minutia counts as inside the common area
 * when the other template has a minutia within `overlapRadius` of it.
 */
function rescoreByOverlap(p: PreparedTemplate, g: PreparedTemplate, r: RawComparison): RawComparison {
  const np = p.n, ng = g.n;
  rigidFromPairing(p, g, np, overlapT);
  const t = overlapT, c = t[0], s = t[1], mpx = t[2], mpy = t[3], mgx = t[4], mgy = t[5];
  const r2 = PAIRING.overlapRadius * PAIRING.overlapRadius;
  nearP.fill(0, 0, np);
  nearG.fill(0, 0, ng);
  for (let i = 0; i < np; i++) {
    const ax = p.x[i] - mpx, ay = p.y[i] - mpy;
    const tx = c * ax - s * ay + mgx, ty = s * ax + c * ay + mgy;
    for (let j = 0; j < ng; j++) {
      const dx = g.x[j] - tx, dy = g.y[j] - ty;
      if (dx * dx + dy * dy <= r2) { nearP[i] = 1; nearG[j] = 1; }
    }
  }
  let op = 0, og = 0;
  for (let i = 0; i < np; i++) op += nearP[i];
  for (let j = 0; j < ng; j++) og += nearG[j];
  const m = PAIRING.minOverlap;
  const norm = Math.sqrt(Math.max(m, op) * Math.max(m, og));
  return { raw: (r.support * r.support) / norm, matched: r.matched, support: r.support };
}
/** Rigid transform of the matcher frame: q = R(θ)·(p − (px, py)) + (gx, gy); [cos, sin, px, py, gx, gy]. */
const bestT = new Float64Array(6);

/** Least-squares rigid transform carrying the paired probe minutiae onto their gallery partners. */
function rigidFromPairing(p: PreparedTemplate, g: PreparedTemplate, np: number, out: Float64Array): void {
  let mpx = 0, mpy = 0, mgx = 0, mgy = 0, k = 0;
  for (let i = 0; i < np; i++) {
    const j = pairedP[i];
    if (j < 0) continue;
    mpx += p.x[i]; mpy += p.y[i]; mgx += g.x[j]; mgy += g.y[j]; k++;
  }
  if (k === 0) { out.fill(0); out[0] = 1; return; }
  mpx /= k; mpy /= k; mgx /= k; mgy /= k;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < np; i++) {
    const j = pairedP[i];
    if (j < 0) continue;
    const ax = p.x[i] - mpx, ay = p.y[i] - mpy, bx = g.x[j] - mgx, by = g.y[j] - mgy;
    sxx += ax * bx + ay * by;
    sxy += ax * by - ay * bx;
  }
  const h = Math.hypot(sxx, sxy);
  out[0] = h > 0 ? sxx / h : 1; out[1] = h > 0 ? sxy / h : 0;
  out[2] = mpx; out[3] = mpy; out[4] = mgx; out[5] = mgy;
}

/** Grid index of the gallery cell that a probe cell centred at (x, y) lands on under transform t, or −1 off the grid. */
function landingCell(x: number, y: number, t: Float64Array, inv: number, cols: number, rows: number): number {
  const c = t[0], s = t[1], ax = x - t[2], ay = y - t[3];
  const col = Math.floor((c * ax - s * ay + t[4]) * inv), row = Math.floor(-(s * ax + c * ay + t[5]) * inv);
  return col < 0 || row < 0 || col >= cols || row >= rows ? -1 : row * cols + col;
}

/** Mean |ln(period ratio)| over the probe cells that land on gallery foreground under transform t. */
export function periodDisagreement(pf: PeriodCells, gf: PeriodCells, t: Float64Array): { mean: number; cells: number } {
  const inv = 1 / gf.cell, cols = gf.cols, rows = gf.rows, gv = gf.values;
  let sum = 0, cells = 0;
  for (let k = 0; k < pf.cx.length; k++) {
    const idx = landingCell(pf.cx[k], pf.cy[k], t, inv, cols, rows);
    if (idx < 0 || gv[idx] === 0) continue;
    sum += Math.abs(pf.cv[k] - gf.grid[idx]);
    cells++;
  }
  return { mean: cells ? sum / cells : 0, cells };
}

/** cos(2·d°) for d = 0..179: agreement of two orientations d degrees apart. */
const COS2 = Float32Array.from({ length: 180 }, (_, d) => Math.cos((2 * d * Math.PI) / 180));
/** COS2 repeated over 0..719 so that an offset difference needs no `% 180`. */
const COS2_WIDE = Float32Array.from({ length: 720 }, (_, i) => COS2[i % 180]);

/** Period disagreement summed by the last orientationAgreement pass (cells −1 when it did not run). */
const periodPass = { sum: 0, cells: -1 };

/**
 * Mean orientation agreement over the probe cells that land on gallery foreground under transform t. With
 * `withPeriod`, when both fields carry the ridge period on the same cells, the same pass also sums the period
 * disagreement over the cells where both have one (into periodPass).
 */
export function orientationAgreement(pf: OrientationCells, gf: OrientationCells, t: Float64Array, withPeriod = false): { mean: number; cells: number } {
  periodPass.cells = -1;
  const cp = withPeriod ? pf.cp : undefined, grid = withPeriod ? gf.periodGrid : undefined;
  const period = cp !== undefined && grid !== undefined;
  // (rot mod 180) + 360 keeps ca + rot − a in 106..718 for ca in 0..179 and any stored a ≤ 254: a direct
  // COS2_WIDE index, congruent mod 180 to the plain difference.
  const rot = ((Math.round((Math.atan2(t[1], t[0]) * 180) / Math.PI) + 360) % 180) + 360;
  const inv = 1 / gf.cell, cols = gf.cols, rows = gf.rows, ga = gf.angles;
  let sum = 0, cells = 0, psum = 0, pcells = 0;
  for (let k = 0; k < pf.cx.length; k++) {
    const idx = landingCell(pf.cx[k], pf.cy[k], t, inv, cols, rows);
    if (idx < 0) continue;
    const a = ga[idx];
    if (a === NO_ORIENTATION) continue;
    sum += COS2_WIDE[pf.ca[k] + rot - a];
    cells++;
    if (period) {
      const pv = cp[k], gv = grid[idx];
      if (pv !== NO_PERIOD && gv !== NO_PERIOD) { psum += Math.abs(pv - gv); pcells++; }
    }
  }
  if (period) { periodPass.sum = psum; periodPass.cells = pcells; }
  return { mean: cells ? sum / cells : 0, cells };
}

// Each link enters the heap at most once per grow() (from its source correspondence, which is paired
// at most once), so 2 · MAX_AGREEMENTS entries always suffice and the heap never needs to grow.
const heapLink = new Int32Array(2 * MAX_AGREEMENTS), heapErr = new Float32Array(2 * MAX_AGREEMENTS);
let heapSize = 0;

let normP = 0, normG = 0;

/** cos and sin of each rotation in 1/256 turn, computed exactly as the per-agreement expression would. */
const COS_TURN = Float64Array.from({ length: TURN }, (_, r) => Math.cos((r / TURN) * 2 * Math.PI));
const SIN_TURN = Float64Array.from({ length: TURN }, (_, r) => Math.sin((r / TURN) * 2 * Math.PI));

/** Min-heap of agreement links keyed by their error (module-level so that grow() allocates nothing). */
function heapPush(link: number): void {
  const err = agreeErr[link >> 1];
  let i = heapSize++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heapErr[parent] <= err) break;
    heapLink[i] = heapLink[parent]; heapErr[i] = heapErr[parent]; i = parent;
  }
  heapLink[i] = link; heapErr[i] = err;
}

function heapPop(): number {
  const top = heapLink[0];
  const size = --heapSize;
  const lastLink = heapLink[size], lastErr = heapErr[size];
  let i = 0;
  while (true) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && heapErr[c + 1] < heapErr[c]) c++;
    if (heapErr[c] >= lastErr) break;
    heapLink[i] = heapLink[c]; heapErr[i] = heapErr[c]; i = c;
  }
  heapLink[i] = lastLink; heapErr[i] = lastErr;
  return top;
}

/** Paired minutiae and agreeing edges of the last grow(). */
let grownMatched = 0, grownSupport = 0;

/** Grows the pairing from one root correspondence; returns its raw similarity (see grownMatched, grownSupport). */
function grow(root: number, np: number, ng: number): number {
  pairedP.fill(-1, 0, np);
  pairedG.fill(-1, 0, ng);
  const rp = (root / ng) | 0, rg = root - rp * ng;
  pairedP[rp] = rg; pairedG[rg] = rp;
  // Seed rotation: circular mean of the agreements touching the root.
  let cs = 0, sn = 0;
  for (let l = head[root]; l >= 0; l = nextLink[l]) {
    const r = agreeRot[l >> 1];
    cs += COS_TURN[r]; sn += SIN_TURN[r];
  }
  const rootRot = Math.round((Math.atan2(sn, cs) / (2 * Math.PI)) * TURN) & 255;
  const rotTol = PAIRING.rotationTolerance;
  heapSize = 0;
  for (let l = head[root]; l >= 0; l = nextLink[l]) heapPush(l);
  let matched = 1, support = 0;
  while (heapSize > 0) {
    const link = heapPop();
    const k = link >> 1;
    let dr = (agreeRot[k] - rootRot) & 255;
    if (dr > 128) dr = 256 - dr;
    if (dr > rotTol) continue;
    const target = link & 1 ? agreeA[k] : agreeB[k];
    const tp = (target / ng) | 0, tg = target - tp * ng;
    if (pairedP[tp] === tg) { support++; continue; }
    if (pairedP[tp] >= 0 || pairedG[tg] >= 0) continue;
    pairedP[tp] = tg; pairedG[tg] = tp;
    matched++;
    support++;
    for (let l = head[target]; l >= 0; l = nextLink[l]) if (l !== (link ^ 1)) heapPush(l);
  }
  const norm = Math.sqrt(Math.max(PAIRING.minOverlap, normP) * Math.max(PAIRING.minOverlap, normG));
  // Agreeing edges grow roughly with the square of the paired minutiae, so squaring rewards large
  // consistent structures far more than many small coincidences; the size term keeps big templates honest.
  grownMatched = matched;
  grownSupport = support;
  return (support * support) / norm;
}
