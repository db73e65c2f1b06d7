// Encoder-side quantisation: subband variances and the specification's bit-allocation procedure
// that turns a target bit rate into per-subband bin widths Q (zero bin Z = 1.2 Q).
import { CODED_SUBBANDS, type Region } from './tree';

const VARIANCE_THRESHOLD = 1.01;

function regionVariance(img: Float32Array, width: number, r: Region, crop: boolean): number {
  let { x, y, w, h } = r;
  if (crop) {
    // Central window, away from borders where the symmetric extension dominates.
    x += Math.floor(r.w / 8);
    y += Math.floor((9 * r.h) / 32);
    w = Math.floor((3 * r.w) / 4);
    h = Math.floor((7 * r.h) / 16);
  }
  const n = w * h;
  if (n < 2) return 0;
  let sum = 0;
  let ssq = 0;
  for (let j = 0; j < h; j++) {
    let p = (y + j) * width + x;
    for (let i = 0; i < w; i++, p++) {
      sum += img[p];
      ssq += img[p] * img[p];
    }
  }
  return (ssq - (sum * sum) / n) / (n - 1);
}

export function subbandVariances(img: Float32Array, width: number, subbands: Region[]): Float64Array {
  const v = new Float64Array(CODED_SUBBANDS);
  let low = 0;
  for (let s = 0; s < 4; s++) low += v[s] = regionVariance(img, width, subbands[s], true);
  // Low-energy images: cropped windows are unrepresentative, so measure whole subbands.
  const crop = low >= 20000;
  for (let s = crop ? 4 : 0; s < CODED_SUBBANDS; s++) v[s] = regionVariance(img, width, subbands[s], crop);
  return v;
}

/** Bin widths per subband (0 = subband not transmitted) for a target rate in bits per pixel. */
export function allocateBins(variance: Float64Array, bitrate: number): Float64Array {
  const weight = new Float64Array(CODED_SUBBANDS).fill(1);
  [1.32, 1.08, 1.42, 1.08, 1.32, 1.42, 1.08, 1.08].forEach((a, i) => (weight[52 + i] = a));
  // Share of the image each subband covers (1/m in the specification's notation).
  const share = (s: number): number => (s < 4 ? 1 / 1024 : s < 52 ? 1 / 256 : 1 / 16);
  const relQ = new Float64Array(CODED_SUBBANDS);
  const sigma = new Float64Array(CODED_SUBBANDS);
  let active: number[] = [];
  for (let s = 0; s < CODED_SUBBANDS; s++) {
    if (variance[s] < VARIANCE_THRESHOLD) continue;
    relQ[s] = s < 4 ? 1 : 10 / (weight[s] * Math.log(variance[s]));
    sigma[s] = Math.sqrt(variance[s]);
    active.push(s);
  }
  const initial = new Set(active);
  let q = 1;
  for (let iter = 0; iter < CODED_SUBBANDS && active.length > 0; iter++) {
    let S = 0;
    let logP = 0;
    for (const s of active) {
      S += share(s);
      logP += share(s) * Math.log(sigma[s] / relQ[s]);
    }
    q = 2 ** (bitrate / S - 1) / 2.5 / Math.exp(logP / S);
    const next = active.filter((s) => relQ[s] / q < 5 * sigma[s]);
    if (next.length === active.length) break;
    active = next;
  }
  const bins = new Float64Array(64);
  for (let s = 0; s < CODED_SUBBANDS; s++) bins[s] = initial.has(s) ? relQ[s] / q : 0;
  return bins;
}

/** Uniform quantiser with a widened zero bin. */
export function quantizeValue(v: number, q: number, halfZ: number): number {
  if (v >= -halfZ && v <= halfZ) return 0;
  return v > 0 ? Math.trunc((v - halfZ) / q + 1) : Math.trunc((v + halfZ) / q - 1);
}
