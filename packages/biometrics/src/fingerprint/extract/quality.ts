// NFIQ-spirited image quality: 1 (best) to 5 (worst) from usable area, ridge clarity and reliable minutiae.
import type { RidgeField } from './field';
import type { RawMinutia } from './minutiae';

/** Distance in blocks from each foreground block to the background or the image edge (4-connected). */
export function blockDistance(mask: Uint8Array, bw: number, bh: number): Uint8Array {
  const dist = new Uint8Array(mask.length);
  const queue: number[] = [];
  for (let b = 0; b < mask.length; b++) {
    const x = b % bw, y = (b - x) / bw;
    if (!mask[b]) continue;
    if (x === 0 || y === 0 || x === bw - 1 || y === bh - 1 || !mask[b - 1] || !mask[b + 1] || !mask[b - bw] || !mask[b + bw]) {
      dist[b] = 1;
      queue.push(b);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const b = queue[q];
    const x = b % bw;
    for (const n of [x > 0 ? b - 1 : -1, x < bw - 1 ? b + 1 : -1, b - bw, b + bw]) {
      if (n >= 0 && n < mask.length && mask[n] && !dist[n]) {
        dist[n] = Math.min(255, dist[b] + 1);
        queue.push(n);
      }
    }
  }
  return dist;
}

export function imageQuality(field: RidgeField, minutiae: RawMinutia[]): number {
  let area = 0, coherence = 0;
  for (let b = 0; b < field.mask.length; b++) {
    if (!field.mask[b]) continue;
    area++;
    coherence += field.coherence[b];
  }
  if (area === 0) return 5;
  const meanCoherence = coherence / area;
  const areaMm2 = (area * 64) / (19.685 * 19.685); // 500 ppi → 19.685 px per mm
  const good = minutiae.filter((m) => m.quality >= 50).length;
  // Each factor saturates at values typical of a clean plain impression.
  const score = Math.min(1, meanCoherence / 0.55) * 0.5 + Math.min(1, areaMm2 / 150) * 0.25 + Math.min(1, good / 30) * 0.25;
  if (score >= 0.85) return 1;
  if (score >= 0.7) return 2;
  if (score >= 0.55) return 3;
  if (score >= 0.4) return 4;
  return 5;
}
