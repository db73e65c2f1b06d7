// JPEG/PNG/WebP bytes → 8-bit RGB pixels, EXIF orientation applied, long side capped.
// sharp (libvips, prebuilt binaries from npm) decodes with JPEG shrink-on-load, which is what
// keeps a 6-megapixel enrolment photo under a few tens of milliseconds.
import sharp from 'sharp';
import { FaceImageError } from './errors';

export interface RgbImage {
  /** Row-major RGB, 3 bytes per pixel. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Original pixels per decoded pixel (≥ 1); multiply coordinates by it to report in source pixels. */
  scale: number;
}

/** Refuse images whose pixel count would exhaust memory (a 20000×20000 bomb is 1.2 GB of RGB). */
const MAX_INPUT_PIXELS = 100_000_000;

export async function decodeRgb(bytes: Uint8Array, maxSide: number): Promise<RgbImage> {
  if (!(bytes instanceof Uint8Array)) throw new FaceImageError('undecodable', 'expected a Uint8Array of image bytes');
  if (bytes.length === 0) throw new FaceImageError('empty', 'no bytes');
  let sourceLongSide: number;
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    sourceLongSide = Math.max(meta.width ?? 0, meta.height ?? 0);
    if (sourceLongSide === 0) throw new Error('image has no dimensions');
  } catch (error) {
    throw asImageError(error);
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const rgb = info.channels === 3 ? new Uint8Array(data.buffer, data.byteOffset, data.length) : toRgb(data, info.channels);
    return { data: rgb, width: info.width, height: info.height, scale: sourceLongSide / Math.max(info.width, info.height) };
  } catch (error) {
    throw asImageError(error);
  }
}

function toRgb(data: Uint8Array, channels: number): Uint8Array {
  const pixels = data.length / channels;
  const out = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    const grey = channels < 3;
    out[p * 3] = data[p * channels]!;
    out[p * 3 + 1] = data[p * channels + (grey ? 0 : 1)]!;
    out[p * 3 + 2] = data[p * channels + (grey ? 0 : 2)]!;
  }
  return out;
}

function asImageError(error: unknown): FaceImageError {
  if (error instanceof FaceImageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new FaceImageError('too-large', message);
  return new FaceImageError('undecodable', message);
}
