// Local minutia descriptors in the spirit of the Minutia Cylinder-Code (Cappelli, Ferrara, Maltoni 2010),
// written from the published description: around each minutia, a disc of radius R in the minutia's own
// frame (rotated by its direction) is cut into S × S spatial cells × D direction bins. A cell's value
// in bin k is the Gaussian-weighted presence of neighbouring minutiae near the cell whose direction,
// relative to the central minutia's, falls near bin k. Thresholded to one bit per cell: a cylinder is
// S·S·D bits plus an S·S validity mask (cells inside the disc and on the print's foreground).
// Two cylinders compare by 1 − ‖a ⊕ b‖ / (‖a‖ + ‖b‖) over the cells valid in both (bit norms = √popcount).
// Unlike the edge vote, a cylinder also notices neighbours that are *missing* on the other side.
import { NO_ORIENTATION } from '../types';

export const CYLINDER = {
  /** Disc radius, 500 ppi pixels. */
  radius: 80,
  /** Spatial cells per side (S × S grid over the disc's bounding square). */
  side: 8,
  /** Direction bins over the full turn. */
  bins: 6,
  /** Spatial Gaussian σ (px) and direction Gaussian σ (radians). */
  sigmaS: 28 / 3,
  sigmaD: (2 * Math.PI) / 9,
  /** Bit threshold on the summed (unnormalised, peak 1) contribution. */
  threshold: 0.25,
  /** A cylinder with fewer valid spatial cells than this share of the disc is unusable. */
  minValidShare: 0.6,
  /** Two cylinders are comparable when their common valid cells are at least this share of the disc. */
  minCommonShare: 0.6,
  /** Without an orientation field, a cell is foreground when some minutia lies within this distance. */
  hullDistance: 50,
};

/** Words per cylinder: each direction bin holds S·S = 64 bits as two 32-bit words (S = 8). */
export const CYLINDER_WORDS = 12;
export const MASK_WORDS = 2;

export interface Cylinders {
  /** n × CYLINDER_WORDS bits, bin-major: words 2k, 2k+1 = bin k's 64 spatial cells (only valid cells set). */
  bits: Int32Array;
  /** n × MASK_WORDS validity bits over the 64 spatial cells. */
  valid: Int32Array;
  /** Set bits per cylinder (its norm² when nothing is masked off). */
  ones: Uint16Array;
  /** 1 when the cylinder has enough valid cells to be compared. */
  usable: Uint8Array;
  /** Number of usable cylinders. */
  usableCount: number;
  /** Spatial cells inside the disc (the reference for the share thresholds). */
  discCells: number;
  /**
   * The usable cylinders again as 16-word records for the all-pairs similarity sort (lss.wat): words 0–11
   * the bits, 12–13 the validity mask, 14 the set-bit count, 15 the minutia direction (1/256 turn).
   */
  packed: Int32Array;
  /** Minutia index of each packed record. */
  usableIndex: Uint8Array;
}

/** Words per packed cylinder record (64 bytes). */
export const PACKED_WORDS = 16;

export interface FieldLookup {
  cell: number;
  cols: number;
  rows: number;
  angles: Uint8Array;
}

function pop32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Builds every minutia's cylinder. Coordinates in the matcher frame (500 ppi, y up), directions in
 * radians counter-clockwise. `field` (optional) marks the foreground; without it the foreground is
 * "within hullDistance of some minutia".
 */
export function buildCylinders(x: Float32Array, y: Float32Array, theta: Float64Array, n: number, field?: FieldLookup, angle?: Uint8Array): Cylinders {
  const S = CYLINDER.side, D = CYLINDER.bins, R = CYLINDER.radius;
  if (S !== 8 || D * 2 !== CYLINDER_WORDS) throw new RangeError('cylinder layout is fixed at 8 × 8 cells and 6 bins');
  const step = (2 * R) / S;
  const bits = new Int32Array(n * CYLINDER_WORDS), valid = new Int32Array(n * MASK_WORDS), usable = new Uint8Array(n);
  const ones = new Uint16Array(n);
  const twoSs = 2 * CYLINDER.sigmaS * CYLINDER.sigmaS, twoSd = 2 * CYLINDER.sigmaD * CYLINDER.sigmaD;
  const reach2 = (3 * CYLINDER.sigmaS) ** 2;
  const hull2 = CYLINDER.hullDistance ** 2;
  const binWidth = (2 * Math.PI) / D;
  // Cell offsets in the minutia's frame; the disc test does not depend on the minutia.
  const ou = new Float64Array(S * S), ov = new Float64Array(S * S), inDisc = new Uint8Array(S * S);
  let discCells = 0;
  for (let a = 0; a < S; a++) {
    for (let b = 0; b < S; b++) {
      const c = a * S + b;
      ou[c] = (b - (S - 1) / 2) * step;
      ov[c] = (a - (S - 1) / 2) * step;
      if (Math.hypot(ou[c], ov[c]) <= R) { inDisc[c] = 1; discCells++; }
    }
  }
  const neighbours: number[] = [];
  const value = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    const cx = x[i], cy = y[i], ti = theta[i], ci = Math.cos(ti), si = Math.sin(ti);
    neighbours.length = 0;
    const far2 = (R + 3 * CYLINDER.sigmaS) ** 2;
    for (let m = 0; m < n; m++) {
      if (m === i) continue;
      const dx = x[m] - cx, dy = y[m] - cy;
      if (dx * dx + dy * dy <= far2) neighbours.push(m);
    }
    let validCount = 0;
    for (let c = 0; c < S * S; c++) {
      if (!inDisc[c]) continue;
      const px = cx + ci * ou[c] - si * ov[c], py = cy + si * ou[c] + ci * ov[c];
      if (!isForeground(px, py, x, y, n, field, hull2)) continue;
      validCount++;
      valid[i * MASK_WORDS + (c >> 5)] |= 1 << (c & 31);
      value.fill(0);
      for (const m of neighbours) {
        const dx = x[m] - px, dy = y[m] - py;
        const d2 = dx * dx + dy * dy;
        if (d2 > reach2) continue;
        const gs = Math.exp(-d2 / twoSs);
        const rel = wrap(theta[m] - ti);
        for (let k = 0; k < D; k++) {
          const centre = -Math.PI + (k + 0.5) * binWidth;
          const dd = wrap(centre - rel);
          value[k] += gs * Math.exp(-(dd * dd) / twoSd);
        }
      }
      for (let k = 0; k < D; k++) {
        if (value[k] > CYLINDER.threshold) bits[i * CYLINDER_WORDS + 2 * k + (c >> 5)] |= 1 << (c & 31);
      }
    }
    usable[i] = validCount >= CYLINDER.minValidShare * discCells ? 1 : 0;
  }
  let usableCount = 0;
  for (let i = 0; i < n; i++) {
    usableCount += usable[i];
    for (let w = 0; w < CYLINDER_WORDS; w++) ones[i] += pop32(bits[i * CYLINDER_WORDS + w]);
  }
  const packed = new Int32Array(usableCount * PACKED_WORDS);
  const usableIndex = new Uint8Array(usableCount);
  for (let i = 0, r = 0; i < n; i++) {
    if (!usable[i]) continue;
    usableIndex[r / PACKED_WORDS] = i;
    packed.set(bits.subarray(i * CYLINDER_WORDS, (i + 1) * CYLINDER_WORDS), r);
    packed[r + 12] = valid[i * MASK_WORDS];
    packed[r + 13] = valid[i * MASK_WORDS + 1];
    packed[r + 14] = ones[i];
    packed[r + 15] = angle ? angle[i] : 0;
    r += PACKED_WORDS;
  }
  return { bits, valid, ones, usable, usableCount, discCells, packed, usableIndex };
}

function wrap(a: number): number {
  let r = a % (2 * Math.PI);
  if (r < -Math.PI) r += 2 * Math.PI;
  else if (r >= Math.PI) r -= 2 * Math.PI;
  return r;
}

function isForeground(px: number, py: number, x: Float32Array, y: Float32Array, n: number, field: FieldLookup | undefined, hull2: number): boolean {
  if (field) {
    const col = Math.floor(px / field.cell), row = Math.floor(-py / field.cell);
    if (col < 0 || row < 0 || col >= field.cols || row >= field.rows) return false;
    return field.angles[row * field.cols + col] !== NO_ORIENTATION;
  }
  for (let m = 0; m < n; m++) {
    const dx = x[m] - px, dy = y[m] - py;
    if (dx * dx + dy * dy <= hull2) return true;
  }
  return false;
}

/**
 * Similarity of cylinder i of `a` and cylinder j of `b`, 0..1; 0 when either is unusable or they share
 * too few valid cells.
 */
export function cylinderSimilarity(a: Cylinders, i: number, b: Cylinders, j: number): number {
  if (!a.usable[i] || !b.usable[j]) return 0;
  const ma = i * MASK_WORDS, mb = j * MASK_WORDS;
  const va0 = a.valid[ma], va1 = a.valid[ma + 1], vb0 = b.valid[mb], vb1 = b.valid[mb + 1];
  const c0 = va0 & vb0, c1 = va1 & vb1;
  if (pop32(c0) + pop32(c1) < CYLINDER.minCommonShare * a.discCells) return 0;
  const ba = a.bits, bb = b.bits, oa = i * CYLINDER_WORDS, ob = j * CYLINDER_WORDS;
  // Bits are set only in valid cells, so a cylinder whose mask lies inside the common one needs no
  // masking: its norm is precomputed. (a & c) ⊕ (b & c) = (a ⊕ b) & c.
  let nx = 0;
  for (let w = 0; w < CYLINDER_WORDS; w += 2) nx += pop32((ba[oa + w] ^ bb[ob + w]) & c0) + pop32((ba[oa + w + 1] ^ bb[ob + w + 1]) & c1);
  let na = a.ones[i], nb = b.ones[j];
  if (c0 !== va0 || c1 !== va1) na = maskedOnes(ba, oa, c0, c1);
  if (c0 !== vb0 || c1 !== vb1) nb = maskedOnes(bb, ob, c0, c1);
  if (na + nb === 0) return 0;
  return 1 - Math.sqrt(nx) / (Math.sqrt(na) + Math.sqrt(nb));
}

function maskedOnes(bits: Int32Array, o: number, c0: number, c1: number): number {
  let k = 0;
  for (let w = 0; w < CYLINDER_WORDS; w += 2) k += pop32(bits[o + w] & c0) + pop32(bits[o + w + 1] & c1);
  return k;
}
