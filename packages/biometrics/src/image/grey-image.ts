/** An 8-bit grey image, row-major, 0 = black. */
export interface GreyImage {
  width: number;
  height: number;
  /** Pixels per inch (the engine works at 500). */
  ppi: number;
  pixels: Uint8Array;
}

export const STANDARD_PPI = 500;

/** ITU-R BT.601 luma; alpha is composited on white because fingerprint backgrounds are light. */
export function rgbaToGrey(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    const a = rgba[p + 3] / 255;
    const y = 0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2];
    out[i] = Math.round(y * a + 255 * (1 - a));
  }
  return out;
}

/** Bilinear rescale to 500 ppi; images already within 1 % of 500 ppi are returned unchanged. */
export function rescaleToStandard(image: GreyImage): GreyImage {
  const scale = STANDARD_PPI / image.ppi;
  if (Math.abs(scale - 1) < 0.01) return { ...image, ppi: STANDARD_PPI };
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const out = new Uint8Array(width * height);
  const src = image.pixels;
  const sw = image.width;
  const sh = image.height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(sh - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(sw - 1, x0 + 1);
      const wx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx;
      const bottom = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, ppi: STANDARD_PPI, pixels: out };
}
