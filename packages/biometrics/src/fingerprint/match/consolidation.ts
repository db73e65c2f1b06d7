// Consolidation of the local cylinder evidence (after the global-consistency idea of MCC's consolidation
// step): each probe minutia's most similar gallery cylinder is a candidate pair; the best of them, one-to-one,
// are checked against each other for geometric consistency (their distance, their direction difference and
// the turn of the vector joining them must agree between the two prints) and the score counts only the
// best mutually consistent subset. High local similarity by chance (impostors) is rarely consistent across
// several pairs; genuine pairs mostly are, even when the edge pairing breaks up.
import type { MinutiaFrame } from './lss';
import { rowBest } from './lss';

export const CONSOLIDATION = {
  /** Candidate pairs kept (one-to-one, best cylinder similarity first). */
  maxPairs: 24,
  /** Two pairs agree in distance when |d_p − d_g| ≤ distBase + distSlope · max(d_p, d_g) (px, 500 ppi). */
  distBase: 10,
  distSlope: 0.12,
  /** ... in direction difference when the two pairs' (gallery − probe) directions differ by ≤ angleTol (1/256 turn). */
  angleTol: 20,
  /**
   * ... and, when both minutiae of each print are at least radialMinDist px apart, when the vector joining them
   * turns from probe to gallery by the pairs' mean direction difference within radialTol (1/256 turn).
   */
  radialTol: 20,
  radialMinDist: 20,
  /** Anchors tried for the consistent subset: the best candidates first. */
  anchors: 8,
};

const CAP = 256;
const keys = new Float64Array(CAP);
const KEY_SCALE = 2 ** 40;
const candP = new Int32Array(CAP), candG = new Int32Array(CAP), candSim = new Float64Array(CAP);
const rot = new Int32Array(CAP);
const usedG = new Uint8Array(CAP);
const state = new Uint8Array(CAP * CAP);
const chosen = new Int32Array(CAP), chosenSim = new Float64Array(CAP);
const cx = new Float64Array(CAP), cy = new Float64Array(CAP), gx = new Float64Array(CAP), gy = new Float64Array(CAP);
const TURN_RAD = (2 * Math.PI) / 256;
/** cos and sin of each rotation in 1/512 turn (the mean of two directions in 1/256 turn). */
const COS_HALF = Float64Array.from({ length: 512 }, (_, h) => Math.cos((h * Math.PI) / 256));
const SIN_HALF = Float64Array.from({ length: 512 }, (_, h) => Math.sin((h * Math.PI) / 256));

/**
 * Whether candidate pairs t and k are geometrically consistent: their direction differences agree within
 * angleTol, the distances between their minutiae within distBase + distSlope · the longer one, and (both
 * distances ≥ radialMinDist) the probe vector turned by the pairs' mean direction difference points along
 * the gallery vector within radialTol.
 */
function consistent(t: number, k: number, n: number): boolean {
  const known = state[t * n + k];
  if (known !== 0) return known === 1;
  const C = CONSOLIDATION;
  const result = check(t, k, C.angleTol, C.distBase, C.distSlope, C.radialMinDist, Math.cos(C.radialTol * TURN_RAD));
  state[t * n + k] = state[k * n + t] = result ? 1 : 2;
  return result;
}

function check(t: number, k: number, angleTol: number, distBase: number, distSlope: number, minD: number, cosTol: number): boolean {
  const rt = rot[t];
  // Signed change of direction difference in −128..127; one unsigned range test for |·| ≤ angleTol.
  const signed = ((rot[k] - rt + 128) & 255) - 128;
  if ((signed + angleTol) >>> 0 > 2 * angleTol) return false;
  const ax = cx[k] - cx[t], ay = cy[k] - cy[t], bx = gx[k] - gx[t], by = gy[k] - gy[t];
  const da = Math.sqrt(ax * ax + ay * ay), db = Math.sqrt(bx * bx + by * by);
  if (Math.abs(da - db) > distBase + distSlope * (da > db ? da : db)) return false;
  if (da < minD || db < minD) return true;
  const h = (2 * rt + signed) & 511, c = COS_HALF[h], s = SIN_HALF[h];
  return (c * ax - s * ay) * bx + (s * ax + c * ay) * by >= cosTol * da * db;
}

/** Size of the best consistent subset of the last call (for tests and experiments). */
export const lastConsolidation = { candidates: 0, consistent: 0 };

/**
 * Consolidated local similarity, 0..1: the sum of the nP best cylinder similarities within the best
 * mutually consistent subset of candidate pairs, divided by nP. The candidates are `rowBest` as left by
 * the all-pairs similarity sort of the same two templates (lss.ts), so call it right after that sort.
 */
export function consolidatedSimilarity(a: MinutiaFrame, b: MinutiaFrame, nP: number): number {
  const C = CONSOLIDATION;
  const np = Math.min(a.angle.length, CAP), ng = b.angle.length;
  lastConsolidation.candidates = 0;
  lastConsolidation.consistent = 0;
  if (nP <= 0) return 0;
  // Candidates sorted by similarity, descending (ties: lower probe index first), as one key per candidate
  // (similarity to 2⁻⁴⁰, then the probe index), then taken one-to-one on the gallery side.
  let m = 0;
  const partner = rowBest.partner, similarity = rowBest.similarity;
  for (let i = 0; i < np; i++) {
    if (partner[i] < 0) continue;
    const key = Math.round(similarity[i] * KEY_SCALE) * 256 + (255 - i);
    let pos = m++;
    while (pos > 0 && keys[pos - 1] < key) { keys[pos] = keys[pos - 1]; pos--; }
    keys[pos] = key;
  }
  usedG.fill(0, 0, Math.min(ng, CAP));
  let n = 0;
  for (let k = 0; k < m && n < C.maxPairs; k++) {
    const i = 255 - (keys[k] % 256), j = partner[i];
    if (usedG[j]) continue;
    usedG[j] = 1;
    candP[n] = i; candG[n] = j; candSim[n] = similarity[i];
    rot[n] = (b.angle[j] - a.angle[i]) & 255;
    n++;
  }
  lastConsolidation.candidates = n;
  if (n === 0) return 0;
  // Greedy consistent subset from each anchor: candidates in order of similarity, each consistent with all
  // chosen. Pairwise consistency is decided on first use and remembered (0 unknown, 1 consistent, 2 not).
  state.fill(0, 0, n * n);
  for (let t = 0; t < n; t++) {
    const i = candP[t], j = candG[t];
    cx[t] = a.x[i]; cy[t] = a.y[i]; gx[t] = b.x[j]; gy[t] = b.y[j];
  }
  let best = 0, bestSize = 0;
  const anchors = Math.min(n, C.anchors);
  for (let t = 0; t < anchors; t++) {
    let size = 1;
    chosen[0] = t;
    for (let k = 0; k < n; k++) {
      if (k === t) continue;
      let all = true;
      for (let c = 0; c < size; c++) if (!consistent(chosen[c], k, n)) { all = false; break; }
      if (all) chosen[size++] = k;
    }
    // The nP best similarities of the subset (chosen[1..] are already in descending order).
    let score = 0;
    if (size <= nP) {
      for (let c = 0; c < size; c++) score += candSim[chosen[c]];
    } else {
      for (let c = 0; c < size; c++) chosenSim[c] = candSim[chosen[c]];
      let pos = 0;
      const anchorSim = chosenSim[0];
      while (pos + 1 < size && chosenSim[pos + 1] > anchorSim) { chosenSim[pos] = chosenSim[pos + 1]; pos++; }
      chosenSim[pos] = anchorSim;
      for (let c = 0; c < nP; c++) score += chosenSim[c];
    }
    if (score > best) { best = score; bestSize = size; }
  }
  lastConsolidation.consistent = bestSize;
  return best / nP;
}
