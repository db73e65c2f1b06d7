// Two-channel symmetric wavelet filter bank with whole-sample symmetric extension, as the WSQ
// specification requires for odd-length (e.g. 9/7) filters: low-pass outputs sit on even samples,
// high-pass outputs on odd samples; the synthesis filters follow from the analysis pair by the
// alias-cancellation relation, scaled for perfect reconstruction.
import type { WsqTree } from './tree';

export interface FilterBank {
  /** Analysis low-pass taps, full length, odd and symmetric. */
  lo: Float64Array;
  /** Analysis high-pass taps, full length, odd and symmetric. */
  hi: Float64Array;
  /** Synthesis filters derived from the analysis pair. */
  g0: Float64Array;
  g1: Float64Array;
}

/** Builds a symmetric odd-length filter from its centre-first half. */
export function mirror(half: number[]): Float64Array {
  const n = half.length;
  const f = new Float64Array(2 * n - 1);
  for (let k = 0; k < n; k++) {
    f[n - 1 + k] = half[k];
    f[n - 1 - k] = half[k];
  }
  return f;
}

export function makeFilterBank(lo: Float64Array, hi: Float64Array): FilterBank {
  const lc = (lo.length - 1) / 2;
  const hc = (hi.length - 1) / 2;
  // Constant term of the distortion function; the other even terms vanish for a biorthogonal pair.
  let t0 = 0;
  for (let n = -Math.min(lc, hc); n <= Math.min(lc, hc); n++) {
    t0 += (n % 2 === 0 ? 1 : -1) * lo[lc + n] * hi[hc + n];
  }
  const c = 1 / t0;
  const g0 = hi.map((v, i) => c * ((i - hc) % 2 === 0 ? 1 : -1) * v);
  const g1 = lo.map((v, i) => c * ((i - lc) % 2 === 0 ? 1 : -1) * v);
  return { lo, hi, g0, g1 };
}

/** Whole-sample symmetric reflection into [0, n-1]. */
function reflect(m: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  m %= period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}

/**
 * A 1-D filtering step as a sparse matrix: output o is the sum over j in [start[o], start[o+1])
 * of weight[j] * input[index[j]]. Plans capture the symmetric extension and band layout once per
 * (length, inversion) so the 2-D passes are plain multiply-adds over contiguous rows.
 */
interface Plan {
  start: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

class PlanBuilder {
  readonly start: Int32Array;
  index: Int32Array;
  weight: Float64Array;
  private n = 0;
  constructor(len: number, perRow: number) {
    this.start = new Int32Array(len + 1);
    this.index = new Int32Array(len * perRow);
    this.weight = new Float64Array(len * perRow);
  }
  add(i: number, w: number): void {
    this.index[this.n] = i;
    this.weight[this.n++] = w;
  }
  endRow(o: number): void {
    this.start[o + 1] = this.n;
  }
}

/** Analysis: low band first unless `inv`; low on even centres, high on odd centres. */
function analysisPlan(len: number, inv: boolean, fb: FilterBank): Plan {
  const llen = Math.ceil(len / 2);
  const hlen = len - llen;
  const { lo, hi } = fb;
  const lc = (lo.length - 1) / 2;
  const hc = (hi.length - 1) / 2;
  const lowAt = inv ? hlen : 0;
  const highAt = inv ? 0 : llen;
  // Rows are filled in output order, so walk outputs and pick the band each belongs to.
  const pb = new PlanBuilder(len, Math.max(lo.length, hi.length));
  for (let o = 0; o < len; o++) {
    const isLow = o >= lowAt && o < lowAt + llen;
    const k = isLow ? o - lowAt : o - highAt;
    const f = isLow ? lo : hi;
    const first = isLow ? 2 * k - lc : 2 * k + 1 - hc;
    for (let t = 0; t < f.length; t++) pb.add(reflect(first + t, len), f[t]);
    pb.endRow(o);
  }
  return pb;
}

/** Synthesis: the upsampled bands, symmetrically extended, through the synthesis filters. */
function synthesisPlan(len: number, inv: boolean, fb: FilterBank): Plan {
  const llen = Math.ceil(len / 2);
  const hlen = len - llen;
  const lowAt = inv ? hlen : 0;
  const highAt = inv ? 0 : llen;
  const { g0, g1 } = fb;
  const pb = new PlanBuilder(len, g0.length + g1.length);
  if (len === 1) {
    pb.add(0, 1 / fb.lo.reduce((a, b) => a + b, 0));
    pb.endRow(0);
    return pb;
  }
  const c0 = (g0.length - 1) / 2;
  const c1 = (g1.length - 1) / 2;
  for (let n = 0; n < len; n++) {
    // Interleaved sample r is low (even r) or high (odd r); reflection keeps parity.
    for (let t = 0; t < g0.length; t++) {
      const r = reflect(n - (t - c0), len);
      if ((r & 1) === 0) pb.add(lowAt + r / 2, g0[t]);
    }
    for (let t = 0; t < g1.length; t++) {
      const r = reflect(n - (t - c1), len);
      if ((r & 1) === 1) pb.add(highAt + (r - 1) / 2, g1[t]);
    }
    pb.endRow(n);
  }
  return pb;
}

/** Applies a plan along each of `lines` rows of `len` samples starting at `base`. */
function horizontal(src: Float32Array, dst: Float32Array, base: number, lines: number, width: number, plan: Plan): void {
  const { start, index, weight } = plan;
  const len = start.length - 1;
  for (let l = 0; l < lines; l++) {
    const p = base + l * width;
    for (let o = 0; o < len; o++) {
      let s = 0;
      for (let j = start[o]; j < start[o + 1]; j++) s += weight[j] * src[p + index[j]];
      dst[p + o] = s;
    }
  }
}

/** Applies a plan down the columns of a region `cols` wide, a whole row at a time (cache-friendly). */
function vertical(src: Float32Array, dst: Float32Array, base: number, cols: number, width: number, plan: Plan): void {
  const { start, index, weight } = plan;
  const len = start.length - 1;
  const acc = new Float64Array(cols);
  for (let o = 0; o < len; o++) {
    acc.fill(0);
    for (let j = start[o]; j < start[o + 1]; j++) {
      const row = base + index[j] * width;
      const w = weight[j];
      for (let x = 0; x < cols; x++) acc[x] += w * src[row + x];
    }
    const out = base + o * width;
    for (let x = 0; x < cols; x++) dst[out + x] = acc[x];
  }
}

/** Forward transform in place over the whole tree (rows, then columns, per node). */
export function decompose(img: Float32Array, width: number, tree: WsqTree, fb: FilterBank): void {
  const tmp = new Float32Array(img.length);
  for (const n of tree.nodes) {
    if (n.w === 0 || n.h === 0) continue;
    const base = n.y * width + n.x;
    horizontal(img, tmp, base, n.h, width, analysisPlan(n.w, n.invX, fb));
    vertical(tmp, img, base, n.w, width, analysisPlan(n.h, n.invY, fb));
  }
}

/** Inverse transform in place (nodes in reverse, columns then rows). */
export function reconstruct(img: Float32Array, width: number, tree: WsqTree, fb: FilterBank): void {
  const tmp = new Float32Array(img.length);
  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    const n = tree.nodes[i];
    if (n.w === 0 || n.h === 0) continue;
    const base = n.y * width + n.x;
    vertical(img, tmp, base, n.w, width, synthesisPlan(n.h, n.invY, fb));
    horizontal(tmp, img, base, n.h, width, synthesisPlan(n.w, n.invX, fb));
  }
}
