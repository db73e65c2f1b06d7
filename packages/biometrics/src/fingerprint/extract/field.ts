// Block-level ridge field: foreground mask, orientation, coherence and ridge period on an 8-px grid.

export const BLOCK = 8;
/** Orientation smoothing radius in blocks. */
export const FIELD = {
  smoothing: 4,
  /** Foreground needs a grey-level spread above this share of the image's 90th-percentile block spread. */
  segmentFactor: 0.3,
  minCoherence: 0.05,
};

export interface RidgeField {
  width: number;
  height: number;
  bw: number;
  bh: number;
  /** Doubled-angle unit vector of the ridge orientation per block (image coords, y down). */
  cos2: Float32Array;
  sin2: Float32Array;
  coherence: Float32Array;
  /** Coherence over the block's own 3×3-block neighbourhood: ridge clarity where the minutia is, not over the smoothing window. */
  clarity: Float32Array;
  /** 1 = fingerprint foreground. */
  mask: Uint8Array;
  /** Ridge-to-ridge distance in pixels per block. */
  period: Float32Array;
  /** Local mean and standard deviation of grey levels per block (for normalisation). */
  mean: Float32Array;
  std: Float32Array;
}

function integral(values: Float64Array | Uint8Array, w: number, h: number, square = false): Float64Array {
  const out = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      const v = values[y * w + x];
      row += square ? v * v : v;
      out[(y + 1) * (w + 1) + x + 1] = out[y * (w + 1) + x + 1] + row;
    }
  }
  return out;
}

function boxSum(ii: Float64Array, w: number, x0: number, y0: number, x1: number, y1: number): number {
  const s = w + 1;
  return ii[y1 * s + x1] - ii[y0 * s + x1] - ii[y1 * s + x0] + ii[y0 * s + x0];
}

export function computeField(pixels: Uint8Array, width: number, height: number): RidgeField {
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  const nb = bw * bh;
  const gxx = new Float64Array(width * height);
  const gyy = new Float64Array(width * height);
  const gxy = new Float64Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const a = pixels[i - width - 1], b = pixels[i - width], c = pixels[i - width + 1];
      const d = pixels[i - 1], f = pixels[i + 1];
      const g = pixels[i + width - 1], hh = pixels[i + width], k = pixels[i + width + 1];
      const gx = c + 2 * f + k - a - 2 * d - g;
      const gy = g + 2 * hh + k - a - 2 * b - c;
      gxx[i] = gx * gx;
      gyy[i] = gy * gy;
      gxy[i] = gx * gy;
    }
  }
  const iixx = integral(gxx, width, height);
  const iiyy = integral(gyy, width, height);
  const iixy = integral(gxy, width, height);
  const iiv = integral(pixels, width, height);
  const iiv2 = integral(pixels, width, height, true);

  const vc = new Float32Array(nb);
  const vs = new Float32Array(nb);
  const energy = new Float32Array(nb);
  const mean = new Float32Array(nb);
  const std = new Float32Array(nb);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const x0 = Math.max(0, bx * BLOCK - 4), x1 = Math.min(width, bx * BLOCK + BLOCK + 4);
      const y0 = Math.max(0, by * BLOCK - 4), y1 = Math.min(height, by * BLOCK + BLOCK + 4);
      const n = (x1 - x0) * (y1 - y0);
      const sxx = boxSum(iixx, width, x0, y0, x1, y1);
      const syy = boxSum(iiyy, width, x0, y0, x1, y1);
      const sxy = boxSum(iixy, width, x0, y0, x1, y1);
      const b = by * bw + bx;
      // Ridge orientation is perpendicular to the gradient: negate the doubled gradient vector.
      vc[b] = -(sxx - syy);
      vs[b] = -2 * sxy;
      energy[b] = sxx + syy;
      const m = boxSum(iiv, width, x0, y0, x1, y1) / n;
      mean[b] = m;
      std[b] = Math.sqrt(Math.max(0, boxSum(iiv2, width, x0, y0, x1, y1) / n - m * m));
    }
  }
  const sc = smoothBlocks(vc, bw, bh, FIELD.smoothing);
  const ss = smoothBlocks(vs, bw, bh, FIELD.smoothing);
  const se = smoothBlocks(energy, bw, bh, FIELD.smoothing);
  const cos2 = new Float32Array(nb);
  const sin2 = new Float32Array(nb);
  const coherence = new Float32Array(nb);
  for (let b = 0; b < nb; b++) {
    const mag = Math.hypot(sc[b], ss[b]);
    cos2[b] = mag > 0 ? sc[b] / mag : 1;
    sin2[b] = mag > 0 ? ss[b] / mag : 0;
    coherence[b] = se[b] > 0 ? Math.min(1, mag / se[b]) : 0;
  }
  const lc = smoothBlocks(vc, bw, bh, 1), ls = smoothBlocks(vs, bw, bh, 1), le = smoothBlocks(energy, bw, bh, 1);
  const clarity = new Float32Array(nb);
  for (let b = 0; b < nb; b++) clarity[b] = le[b] > 0 ? Math.min(1, Math.hypot(lc[b], ls[b]) / le[b]) : 0;
  const mask = segment(std, mean, coherence, bw, bh);
  const period = estimatePeriod(pixels, width, height, bw, bh, cos2, sin2, mask);
  return { width, height, bw, bh, cos2, sin2, coherence, clarity, mask, period, mean, std };
}

/** Separable box-weighted smoothing with radius r blocks (triangular weights). */
export function smoothBlocks(v: Float32Array, bw: number, bh: number, r: number): Float32Array {
  const tmp = new Float32Array(v.length);
  const out = new Float32Array(v.length);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) {
        const xx = x + k;
        if (xx >= 0 && xx < bw) s += v[y * bw + xx] * (r + 1 - Math.abs(k));
      }
      tmp[y * bw + x] = s;
    }
  }
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) {
        const yy = y + k;
        if (yy >= 0 && yy < bh) s += tmp[yy * bw + x] * (r + 1 - Math.abs(k));
      }
      out[y * bw + x] = s;
    }
  }
  return out;
}

function segment(std: Float32Array, mean: Float32Array, coherence: Float32Array, bw: number, bh: number): Uint8Array {
  const sorted = Array.from(std).sort((a, b) => a - b);
  const high = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  const threshold = Math.max(6, high * FIELD.segmentFactor);
  let mask = new Uint8Array(bw * bh);
  for (let b = 0; b < mask.length; b++) mask[b] = std[b] > threshold && mean[b] < 245 && coherence[b] > FIELD.minCoherence ? 1 : 0;
  // Majority vote twice removes isolated speckle blocks and fills pinholes.
  for (let pass = 0; pass < 2; pass++) {
    const next = new Uint8Array(mask.length);
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        let count = 0, total = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx, yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= bw || yy >= bh) continue;
            total++;
            count += mask[yy * bw + xx];
          }
        }
        next[y * bw + x] = count * 2 > total ? 1 : 0;
      }
    }
    mask = next;
  }
  return keepLargestComponent(mask, bw, bh);
}

function keepLargestComponent(mask: Uint8Array, bw: number, bh: number): Uint8Array {
  const label = new Int32Array(mask.length).fill(-1);
  let best = -1, bestSize = 0, next = 0;
  const stack: number[] = [];
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || label[s] >= 0) continue;
    let size = 0;
    label[s] = next;
    stack.push(s);
    while (stack.length) {
      const b = stack.pop()!;
      size++;
      const x = b % bw, y = (b - x) / bw;
      const around = [x > 0 ? b - 1 : -1, x < bw - 1 ? b + 1 : -1, y > 0 ? b - bw : -1, y < bh - 1 ? b + bw : -1];
      for (const n of around) {
        if (n >= 0 && mask[n] && label[n] < 0) {
          label[n] = next;
          stack.push(n);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = next;
    }
    next++;
  }
  const out = new Uint8Array(mask.length);
  for (let b = 0; b < mask.length; b++) out[b] = label[b] === best ? 1 : 0;
  return out;
}

export function erodeBlocks(mask: Uint8Array, bw: number, bh: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const b = y * bw + x;
      out[b] = mask[b] && x > 0 && y > 0 && x < bw - 1 && y < bh - 1 && mask[b - 1] && mask[b + 1] && mask[b - bw] && mask[b + bw] ? 1 : 0;
    }
  }
  return out;
}

const PERIOD_MIN = 4;
const PERIOD_MAX = 16;
const DEFAULT_PERIOD = 9;

/** Ridge period from the grey profile across the ridges (x-signature), filled and smoothed where undefined. */
function estimatePeriod(
  pixels: Uint8Array, width: number, height: number, bw: number, bh: number,
  cos2: Float32Array, sin2: Float32Array, mask: Uint8Array,
): Float32Array {
  const L = 32, W = 12;
  const raw = new Float32Array(bw * bh);
  const weight = new Float32Array(bw * bh);
  const sig = new Float32Array(L);
  const smooth = new Float32Array(L);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      if (!mask[b]) continue;
      const theta = 0.5 * Math.atan2(sin2[b], cos2[b]);
      const ux = Math.cos(theta), uy = Math.sin(theta);
      const cx = bx * BLOCK + BLOCK / 2, cy = by * BLOCK + BLOCK / 2;
      let ok = true;
      for (let k = 0; k < L && ok; k++) {
        const t = k - L / 2;
        let s = 0;
        for (let j = 0; j < W; j++) {
          const u = j - W / 2;
          const x = Math.round(cx + u * ux - t * uy), y = Math.round(cy + u * uy + t * ux);
          if (x < 0 || y < 0 || x >= width || y >= height) { ok = false; break; }
          s += pixels[y * width + x];
        }
        sig[k] = s / W;
      }
      if (!ok) continue;
      // Light 3-tap smoothing, then the mean-crossing count: robust to pores splitting a thick ridge.
      let lo = Infinity, hi = -Infinity, mean = 0;
      for (let k = 0; k < L; k++) {
        const v = (sig[Math.max(0, k - 1)] + 2 * sig[k] + sig[Math.min(L - 1, k + 1)]) / 4;
        smooth[k] = v;
        mean += v / L;
        lo = Math.min(lo, v); hi = Math.max(hi, v);
      }
      if (hi - lo < 8) continue;
      let first = -1, last = -1, crossings = 0;
      for (let k = 1; k < L; k++) {
        if ((smooth[k - 1] - mean) * (smooth[k] - mean) < 0) {
          const at = k - 1 + (smooth[k - 1] - mean) / (smooth[k - 1] - smooth[k]);
          if (first < 0) first = at;
          last = at;
          crossings++;
        }
      }
      if (crossings < 3) continue;
      const p = (2 * (last - first)) / (crossings - 1);
      if (p >= PERIOD_MIN && p <= PERIOD_MAX) {
        raw[b] = p;
        weight[b] = 1;
      }
    }
  }
  const num = smoothBlocks(raw, bw, bh, 3);
  const den = smoothBlocks(weight, bw, bh, 3);
  const valid: number[] = [];
  for (let b = 0; b < raw.length; b++) if (weight[b]) valid.push(raw[b]);
  valid.sort((a, b) => a - b);
  const fallback = valid.length ? valid[valid.length >> 1] : DEFAULT_PERIOD;
  // Locally the period may not stray far from the finger's typical period (guards against half-period locks).
  const lowBound = Math.max(PERIOD_MIN + 1, fallback * 0.75), highBound = Math.min(PERIOD_MAX, fallback * 1.35);
  const out = new Float32Array(bw * bh);
  for (let b = 0; b < out.length; b++) {
    const p = den[b] > 0.5 ? num[b] / den[b] : fallback;
    out[b] = Math.min(highBound, Math.max(lowBound, p));
  }
  return out;
}
