// Small synthetic fixtures: seeded random minutiae sets and a generated ridge image with one known minutia.
import type { FingerprintTemplate, GreyImage, Minutia } from '../../src/index';

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomTemplate(seed: number, count = 40): FingerprintTemplate {
  const r = seeded(seed);
  const minutiae: Minutia[] = [];
  while (minutiae.length < count) {
    const x = 30 + r() * 300, y = 30 + r() * 380;
    if (minutiae.some((m) => Math.hypot(m.x - x, m.y - y) < 12)) continue;
    minutiae.push({ x, y, angle: r() * 2 * Math.PI, type: r() < 0.5 ? 'ending' : 'bifurcation', quality: 60 });
  }
  return { width: 360, height: 440, ppi: 500, imageQuality: 2, minutiae };
}

/** Rotate counter-clockwise (on screen) by theta about the centre, shift, jitter and drop some minutiae. */
export function transformed(t: FingerprintTemplate, theta: number, dx: number, dy: number, seed = 1, jitter = 0, drop = 0): FingerprintTemplate {
  const r = seeded(seed);
  const c = Math.cos(theta), s = Math.sin(theta);
  const cx = t.width / 2, cy = t.height / 2;
  const minutiae = t.minutiae
    .filter(() => r() >= drop)
    .map((m) => ({
      ...m,
      x: c * (m.x - cx) + s * (m.y - cy) + cx + dx + 200 + (r() * 2 - 1) * jitter,
      y: -s * (m.x - cx) + c * (m.y - cy) + cy + dy + 200 + (r() * 2 - 1) * jitter,
      angle: (m.angle + theta + 4 * Math.PI) % (2 * Math.PI),
    }));
  return { ...t, width: t.width + 400, height: t.height + 400, minutiae };
}

/** Parallel ridges (period 9 px) with one phase singularity at (x0, y0): a single ridge fork/ending there. */
export function forkImage(width = 240, height = 240, x0 = 120, y0 = 120): GreyImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.hypot((x - width / 2) / (width * 0.45), (y - height / 2) / (height * 0.45)) < 1;
      const phase = (2 * Math.PI * x) / 9 + Math.atan2(y - y0, x - x0);
      pixels[y * width + x] = inside ? Math.round(128 + 90 * Math.cos(phase)) : 255;
    }
  }
  return { width, height, ppi: 500, pixels };
}
