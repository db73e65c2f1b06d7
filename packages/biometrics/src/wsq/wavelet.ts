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

/** Copies a line into `ext` with `pad` reflected samples on each side. */
function extend(line: Float64Array, len: number, pad: number, ext: Float64Array): void {
  for (let m = -pad; m < len + pad; m++) ext[m + pad] = line[reflect(m, len)];
}

/**
 * One analysis step over `count` lines of `len` samples: line l, sample i is at
 * base + l*pitch + i*stride in `src`; results go to the same positions in `dst`,
 * low band first unless `inv`.
 */
function analyse(src: Float32Array, dst: Float32Array, base: number, count: number, len: number,
  pitch: number, stride: number, fb: FilterBank, inv: boolean): void {
  if (len === 0) return;
  const llen = Math.ceil(len / 2);
  const hlen = len - llen;
  const { lo, hi } = fb;
  const lc = (lo.length - 1) / 2;
  const hc = (hi.length - 1) / 2;
  const pad = Math.max(lc, hc) + 1;
  const line = new Float64Array(len);
  const ext = new Float64Array(len + 2 * pad);
  const lowAt = inv ? hlen : 0;
  const highAt = inv ? 0 : llen;
  for (let l = 0; l < count; l++) {
    const p = base + l * pitch;
    for (let i = 0; i < len; i++) line[i] = src[p + i * stride];
    extend(line, len, pad, ext);
    for (let k = 0; k < llen; k++) {
      let s = 0;
      const c = 2 * k - lc + pad;
      for (let t = 0; t < lo.length; t++) s += lo[t] * ext[c + t];
      dst[p + (lowAt + k) * stride] = s;
    }
    for (let k = 0; k < hlen; k++) {
      let s = 0;
      const c = 2 * k + 1 - hc + pad;
      for (let t = 0; t < hi.length; t++) s += hi[t] * ext[c + t];
      dst[p + (highAt + k) * stride] = s;
    }
  }
}

/** Inverse of `analyse`. */
function synthesise(src: Float32Array, dst: Float32Array, base: number, count: number, len: number,
  pitch: number, stride: number, fb: FilterBank, inv: boolean): void {
  if (len === 0) return;
  const llen = Math.ceil(len / 2);
  const hlen = len - llen;
  const { g0, g1 } = fb;
  const c0 = (g0.length - 1) / 2;
  const c1 = (g1.length - 1) / 2;
  const pad = Math.max(c0, c1) + 1;
  const lowAt = inv ? hlen : 0;
  const highAt = inv ? 0 : llen;
  const loSum = fb.lo.reduce((a, b) => a + b, 0);
  // Interleaved bands (low on even, high on odd samples), symmetrically extended; reflection
  // keeps parity, so each band's extension only ever touches its own parity.
  const u = new Float64Array(len);
  const ext = new Float64Array(len + 2 * pad);
  for (let l = 0; l < count; l++) {
    const p = base + l * pitch;
    for (let k = 0; k < llen; k++) u[2 * k] = src[p + (lowAt + k) * stride];
    for (let k = 0; k < hlen; k++) u[2 * k + 1] = src[p + (highAt + k) * stride];
    if (len === 1) {
      dst[p] = u[0] / loSum;
      continue;
    }
    extend(u, len, pad, ext);
    for (let n = 0; n < len; n++) {
      let s = 0;
      // Taps landing on samples of the other parity multiply zeros in the upsampled band.
      const even = (n & 1) === 0;
      for (let t = even ? c0 & 1 : 1 - (c0 & 1); t < g0.length; t += 2) s += g0[t] * ext[n - t + c0 + pad];
      for (let t = even ? 1 - (c1 & 1) : c1 & 1; t < g1.length; t += 2) s += g1[t] * ext[n - t + c1 + pad];
      dst[p + n * stride] = s;
    }
  }
}

/** Forward transform in place over the whole tree (rows, then columns, per node). */
export function decompose(img: Float32Array, width: number, tree: WsqTree, fb: FilterBank): void {
  const tmp = new Float32Array(img.length);
  for (const n of tree.nodes) {
    const base = n.y * width + n.x;
    analyse(img, tmp, base, n.h, n.w, width, 1, fb, n.invX);
    analyse(tmp, img, base, n.w, n.h, 1, width, fb, n.invY);
  }
}

/** Inverse transform in place (nodes in reverse, columns then rows). */
export function reconstruct(img: Float32Array, width: number, tree: WsqTree, fb: FilterBank): void {
  const tmp = new Float32Array(img.length);
  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    const n = tree.nodes[i];
    const base = n.y * width + n.x;
    synthesise(img, tmp, base, n.w, n.h, 1, width, fb, n.invY);
    synthesise(tmp, img, base, n.h, n.w, width, 1, fb, n.invX);
  }
}
