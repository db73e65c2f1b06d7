// Resolution metadata readers for containers whose decoders do not expose it.

const INCH_PER_METRE = 0.0254;

/** PNG pHYs chunk (unit 1 = metre); undefined when absent or unitless. */
export function pngPpi(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    if (type === 'pHYs' && length >= 9 && pos + 17 <= bytes.length) {
      const ppm = view.getUint32(pos + 8);
      return bytes[pos + 16] === 1 && ppm > 0 ? ppm * INCH_PER_METRE : undefined;
    }
    if (type === 'IDAT' || type === 'IEND') return undefined;
    pos += 12 + length;
  }
  return undefined;
}

/** JFIF APP0 density (units 1 = dpi, 2 = dots per cm). */
export function jpegPpi(bytes: Uint8Array): number | undefined {
  if (bytes.length < 18 || bytes[2] !== 0xff || bytes[3] !== 0xe0) return undefined;
  if (String.fromCharCode(bytes[6], bytes[7], bytes[8], bytes[9]) !== 'JFIF') return undefined;
  const units = bytes[13];
  const density = (bytes[14] << 8) | bytes[15];
  if (density === 0) return undefined;
  if (units === 1) return density;
  if (units === 2) return density * 2.54;
  return undefined;
}

/** BMP stores pixels per metre; 0 means unknown. */
export function bmpPpi(pixelsPerMetre: number): number | undefined {
  return pixelsPerMetre > 0 ? pixelsPerMetre * INCH_PER_METRE : undefined;
}
