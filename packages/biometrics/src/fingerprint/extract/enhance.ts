// Oriented Gabor filtering tuned per block to the local orientation and ridge period, then binarisation.
import { BLOCK, type RidgeField } from './field';

const ORIENTATIONS = 16;
const kernelCache = new Map<string, Float32Array>();
/** Gaussian envelope widths as multiples of the ridge period (along and across the ridges); kernel radius in pixels. */
export const GABOR = { along: 0.7, across: 0.42, radius: 7 };

function kernel(orientation: number, period: number): Float32Array {
  const RADIUS = GABOR.radius, SIZE = 2 * RADIUS + 1;
  const key = `${orientation}:${period}:${GABOR.along}:${GABOR.across}:${RADIUS}`;
  const cached = kernelCache.get(key);
  if (cached) return cached;
  const theta = (orientation * Math.PI) / ORIENTATIONS;
  const c = Math.cos(theta), s = Math.sin(theta);
  const sigmaAlong = GABOR.along * period, sigmaAcross = GABOR.across * period;
  const k = new Float32Array(SIZE * SIZE);
  let sum = 0, wsum = 0;
  for (let dy = -RADIUS; dy <= RADIUS; dy++) {
    for (let dx = -RADIUS; dx <= RADIUS; dx++) {
      const along = dx * c + dy * s;
      const across = -dx * s + dy * c;
      const env = Math.exp(-0.5 * ((along * along) / (sigmaAlong * sigmaAlong) + (across * across) / (sigmaAcross * sigmaAcross)));
      const v = env * Math.cos((2 * Math.PI * across) / period);
      k[(dy + RADIUS) * SIZE + dx + RADIUS] = v;
      sum += v;
      wsum += env;
    }
  }
  // Zero DC so that local brightness does not leak into the ridge/valley decision.
  for (let dy = -RADIUS; dy <= RADIUS; dy++) {
    for (let dx = -RADIUS; dx <= RADIUS; dx++) {
      const along = dx * c + dy * s, across = -dx * s + dy * c;
      const env = Math.exp(-0.5 * ((along * along) / (sigmaAlong * sigmaAlong) + (across * across) / (sigmaAcross * sigmaAcross)));
      k[(dy + RADIUS) * SIZE + dx + RADIUS] -= (sum * env) / wsum;
    }
  }
  kernelCache.set(key, k);
  return k;
}

/** Returns 1 for ridge (dark) pixels inside the foreground, 0 elsewhere. */
export function enhanceAndBinarise(pixels: Uint8Array, field: RidgeField): Uint8Array {
  const { width, height, bw, mask } = field;
  // Normalise to zero mean / unit variance per block so the filter output sign is meaningful everywhere.
  const norm = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const by = (y / BLOCK) | 0;
    for (let x = 0; x < width; x++) {
      const b = by * bw + ((x / BLOCK) | 0);
      norm[y * width + x] = (pixels[y * width + x] - field.mean[b]) / (field.std[b] + 1);
    }
  }
  const out = new Uint8Array(width * height);
  const RADIUS = GABOR.radius, SIZE = 2 * RADIUS + 1;
  for (let by = 0; by < field.bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      if (!mask[b]) continue;
      const theta = 0.5 * Math.atan2(field.sin2[b], field.cos2[b]);
      const o = ((Math.round((theta / Math.PI) * ORIENTATIONS) % ORIENTATIONS) + ORIENTATIONS) % ORIENTATIONS;
      const k = kernel(o, Math.round(field.period[b]));
      const y1 = Math.min(height - RADIUS, by * BLOCK + BLOCK), x1 = Math.min(width - RADIUS, bx * BLOCK + BLOCK);
      for (let y = Math.max(RADIUS, by * BLOCK); y < y1; y++) {
        for (let x = Math.max(RADIUS, bx * BLOCK); x < x1; x++) {
          let acc = 0, ki = 0;
          for (let dy = -RADIUS; dy <= RADIUS; dy++) {
            let p = (y + dy) * width + x - RADIUS;
            for (let dx = 0; dx < SIZE; dx++) acc += norm[p++] * k[ki++];
          }
          out[y * width + x] = acc < 0 ? 1 : 0;
        }
      }
    }
  }
  return out;
}
