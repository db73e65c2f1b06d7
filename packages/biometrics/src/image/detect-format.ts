import type { ImageFormat } from './errors';

/** Identify the container from its magic bytes; extensions are not trusted. */
export function detectFormat(bytes: Uint8Array): ImageFormat {
  const b = (i: number): number => bytes[i] ?? -1;
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'tiff';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8) return 'jpeg';
  // WSQ starts with its own SOI marker 0xFFA0.
  if (b(0) === 0xff && b(1) === 0xa0) return 'wsq';
  if (b(0) === 0x42 && b(1) === 0x4d) return 'bmp';
  return 'unknown';
}
