// Local similarity sort over every minutia pair (after Cappelli et al. 2010): the mean of the nP best cylinder
// similarities among the probe × gallery pairs that pass a direction gate. Computed by a tiny hand-written
// WebAssembly module (lss.wat: 64-bit popcount, about 4× faster than the JavaScript loop); the plain
// JavaScript reference below gives bit-identical results and runs where WebAssembly is unavailable.
import { CYLINDER, cylinderSimilarity, type Cylinders } from './cylinders';
import { LSS_WASM_BASE64 } from './lss-wasm';

/** Byte offsets inside the module's memory (see lss.wat). */
const GALLERY_WORD = 16384 / 4;
const MAX_PAIRS = 64;
const SQRT_BYTE = 33280;
const ROW_BEST_BYTE = 36864;
const ROW_INDEX_BYTE = 38912;
const CYLINDER_BITS = 384;

interface LssModule {
  lss: (np: number, ng: number, rotation: number, maxAngle: number, nP: number, minCommon: number, rows: number) => number;
  words: Int32Array;
  rowBest: Float64Array;
  rowIndex: Int32Array;
}

/** The slice of the WebAssembly JS API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

let loaded: LssModule | null | undefined;

function loadModule(): LssModule | null {
  if (loaded !== undefined) return loaded;
  try {
    const text = atob(LSS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return (loaded = null);
    const instance = new wasm.Instance(new wasm.Module(bytes), {});
    const memory = instance.exports.memory as { buffer: ArrayBuffer };
    // √k for every possible set-bit count (the same correctly rounded values f64.sqrt gives).
    new Float64Array(memory.buffer, SQRT_BYTE, CYLINDER_BITS + 1).set(Array.from({ length: CYLINDER_BITS + 1 }, (_, k) => Math.sqrt(k)));
    loaded = {
      lss: instance.exports.lss as LssModule['lss'], words: new Int32Array(memory.buffer),
      rowBest: new Float64Array(memory.buffer, ROW_BEST_BYTE, 255), rowIndex: new Int32Array(memory.buffer, ROW_INDEX_BYTE, 255),
    };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** Which implementation allPairsSimilaritySort uses ('js' only where WebAssembly cannot be instantiated). */
export function lssImplementation(): 'wasm' | 'js' {
  return loadModule() ? 'wasm' : 'js';
}

/** Fewest common valid cells for two cylinders to be compared (the integer form of cylinderSimilarity's test). */
function minCommonCells(c: Cylinders): number {
  return Math.ceil(CYLINDER.minCommonShare * c.discCells);
}

/**
 * Mean of the nP best similarities over all pairs (i of p, j of g) whose direction difference
 * angleG[j] − angleP[i] lies within ±maxAngle of `rotation` (1/256 turn; maxAngle ≥ 128 lets every pair through).
 * With `rows`, also sets `rowBest` (each probe minutia's best partner among those pairs).
 */
export function allPairsSimilaritySort(
  cp: Cylinders, angleP: Uint8Array, cg: Cylinders, angleG: Uint8Array, rotation: number, maxAngle: number, nP: number, rows = false,
): number {
  if (nP <= 0) return 0;
  if (nP > MAX_PAIRS) throw new RangeError(`nP ${nP} above ${MAX_PAIRS}`);
  const m = loadModule();
  if (!m || cp.usableCount > 255 || cg.usableCount > 255) return allPairsSimilaritySortReference(cp, angleP, cg, angleG, rotation, maxAngle, nP);
  m.words.set(cp.packed, 0);
  m.words.set(cg.packed, GALLERY_WORD);
  const result = m.lss(cp.usableCount, cg.usableCount, rotation, maxAngle, nP, minCommonCells(cp), rows ? 1 : 0);
  if (!rows) return result;
  rowBest.partner.fill(-1, 0, angleP.length);
  rowBest.similarity.fill(0, 0, angleP.length);
  const pi = cp.usableIndex, gi = cg.usableIndex, bestOf = m.rowBest, indexOf = m.rowIndex;
  for (let r = 0; r < cp.usableCount; r++) {
    const k = indexOf[r];
    if (k < 0) continue;
    rowBest.partner[pi[r]] = gi[k];
    rowBest.similarity[pi[r]] = bestOf[r];
  }
  return result;
}

/**
 * Set by every all-pairs similarity sort (either implementation): for each probe minutia, the gallery minutia
 * whose cylinder is most similar among the pairs the sort looked at (the first of equal bests; −1 when no
 * similarity is positive), and that similarity. The consolidation step's candidates.
 */
export const rowBest = { partner: new Int16Array(256), similarity: new Float64Array(256) };

const top = new Float64Array(MAX_PAIRS);

/** The same computation in plain JavaScript over cylinderSimilarity (reference and fallback); always sets `rowBest`. */
export function allPairsSimilaritySortReference(
  cp: Cylinders, angleP: Uint8Array, cg: Cylinders, angleG: Uint8Array, rotation: number, maxAngle: number, nP: number,
): number {
  if (nP <= 0) return 0;
  const np = angleP.length, ng = angleG.length;
  let kept = 0, floor = 0;
  for (let i = 0; i < np; i++) {
    const lo = angleP[i] + rotation - maxAngle;
    rowBest.partner[i] = -1;
    rowBest.similarity[i] = 0;
    for (let j = 0; j < ng; j++) {
      if (((angleG[j] - lo) & 255) > 2 * maxAngle) continue;
      const v = cylinderSimilarity(cp, i, cg, j);
      if (v > rowBest.similarity[i]) { rowBest.similarity[i] = v; rowBest.partner[i] = j; }
      if (kept === nP && v <= floor) continue;
      let pos = kept < nP ? kept++ : nP - 1;
      while (pos > 0 && top[pos - 1] < v) { top[pos] = top[pos - 1]; pos--; }
      top[pos] = v;
      if (kept === nP) floor = top[nP - 1];
    }
  }
  let sum = 0;
  for (let k = 0; k < kept; k++) sum += top[k];
  return sum / nP;
}

/** Minutiae positions and directions in the matcher frame (500 ppi, y up; directions 1/256 turn). */
export interface MinutiaFrame { x: Float32Array; y: Float32Array; angle: Uint8Array }

export const RELAXATION = {
  iterations: 5,
  weight: 0.5,
  /** Pairs kept for relaxation: min(this, smaller template's minutia count). */
  maxPairs: 30,
  mu1: 5, tau1: -8 / 5,
  mu2: Math.PI / 12, tau2: -30,
  mu3: Math.PI / 12, tau3: -30,
};

const zs = (v: number, mu: number, tau: number): number => 1 / (1 + Math.exp(-tau * (v - mu)));
const TURN_RAD = (2 * Math.PI) / 256;
function angleDiff(a: number, b: number): number {
  let d = (a - b) % (2 * Math.PI);
  if (d < -Math.PI) d += 2 * Math.PI;
  else if (d >= Math.PI) d -= 2 * Math.PI;
  return d;
}

/**
 * LSS with relaxation (after Cappelli et al. 2010, LSS-R): the best one-to-one pairs by cylinder similarity
 * are relaxed by their geometric compatibility (distance, direction difference and radial angle of every
 * other pair), and the nP pairs whose similarity survives relaxation best are averaged. Experimental (JS).
 */
export function relaxedSimilaritySort(cp: Cylinders, a: MinutiaFrame, cg: Cylinders, b: MinutiaFrame, nP: number): number {
  const np = a.angle.length, ng = b.angle.length;
  const sims: number[] = [], idx: number[] = [];
  for (let i = 0; i < np; i++) for (let j = 0; j < ng; j++) {
    const v = cylinderSimilarity(cp, i, cg, j);
    if (v > 0) { sims.push(v); idx.push(i * ng + j); }
  }
  const order = sims.map((_, k) => k).sort((u, v) => sims[v] - sims[u] || idx[u] - idx[v]);
  const nR = Math.min(RELAXATION.maxPairs, np, ng);
  const usedA = new Uint8Array(np), usedB = new Uint8Array(ng);
  const pi: number[] = [], pj: number[] = [], l0: number[] = [];
  for (const k of order) {
    if (pi.length >= nR) break;
    const i = (idx[k] / ng) | 0, j = idx[k] - i * ng;
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = 1; usedB[j] = 1; pi.push(i); pj.push(j); l0.push(sims[k]);
  }
  const n = pi.length;
  if (n === 0) return 0;
  if (n === 1) return l0[0] / nP;
  const R = RELAXATION;
  const rho = new Float64Array(n * n);
  for (let t = 0; t < n; t++) for (let k = 0; k < n; k++) {
    if (k === t) continue;
    const at = pi[t], ak = pi[k], bt = pj[t], bk = pj[k];
    const da = Math.hypot(a.x[ak] - a.x[at], a.y[ak] - a.y[at]), db = Math.hypot(b.x[bk] - b.x[bt], b.y[bk] - b.y[bt]);
    const d1 = Math.abs(da - db);
    const d2 = Math.abs(angleDiff((a.angle[at] - a.angle[ak]) * TURN_RAD, (b.angle[bt] - b.angle[bk]) * TURN_RAD));
    const ra = angleDiff(a.angle[at] * TURN_RAD, Math.atan2(a.y[ak] - a.y[at], a.x[ak] - a.x[at]));
    const rb = angleDiff(b.angle[bt] * TURN_RAD, Math.atan2(b.y[bk] - b.y[bt], b.x[bk] - b.x[bt]));
    const d3 = Math.abs(angleDiff(ra, rb));
    rho[t * n + k] = zs(d1, R.mu1, R.tau1) * zs(d2, R.mu2, R.tau2) * zs(d3, R.mu3, R.tau3);
  }
  let l = Float64Array.from(l0), next = new Float64Array(n);
  for (let it = 0; it < R.iterations; it++) {
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let k = 0; k < n; k++) if (k !== t) s += rho[t * n + k] * l[k];
      next[t] = R.weight * l[t] + ((1 - R.weight) * s) / (n - 1);
    }
    [l, next] = [next, l];
  }
  const eff = Array.from({ length: n }, (_, t) => t).sort((u, v) => l[v] / l0[v] - l[u] / l0[u] || u - v);
  let sum = 0;
  for (let k = 0; k < Math.min(nP, n); k++) sum += l[eff[k]];
  return sum / nP;
}
