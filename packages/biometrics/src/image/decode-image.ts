import UTIF from 'utif2';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { decode as decodeBmpBytes } from 'bmp-ts';
import { detectFormat } from './detect-format';
import { ImageDecodeError, UnsupportedImageFormatError, type ImageFormat } from './errors';
import { rescaleToStandard, rgbaToGrey, STANDARD_PPI, type GreyImage } from './grey-image';
import { bmpPpi, jpegPpi, pngPpi } from './resolution';
import { decodeWsq } from '../wsq/index';

// Resolutions outside this range are almost always placeholder metadata (72 dpi from editors), not scans.
const PLAUSIBLE_PPI_MIN = 150;
const PLAUSIBLE_PPI_MAX = 2000;
const MAX_PIXELS = 40_000_000;

export interface DecodeOptions {
  /** Keep the file's own resolution instead of rescaling to 500 ppi. */
  keepResolution?: boolean;
}

/**
 * Decode TIFF, PNG, JPEG, BMP or WSQ bytes into an 8-bit grey image at 500 ppi.
 * WSQ is decoded by the codec in src/wsq.
 */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): GreyImage {
  const format = detectFormat(bytes);
  const raw = decodeRaw(format, bytes);
  if (raw.width <= 0 || raw.height <= 0 || raw.width * raw.height > MAX_PIXELS) {
    throw new ImageDecodeError(format, `implausible size ${raw.width}x${raw.height}`);
  }
  const ppi = raw.ppi !== undefined && raw.ppi >= PLAUSIBLE_PPI_MIN && raw.ppi <= PLAUSIBLE_PPI_MAX ? raw.ppi : STANDARD_PPI;
  const image: GreyImage = { width: raw.width, height: raw.height, ppi, pixels: raw.pixels };
  return options.keepResolution ? image : rescaleToStandard(image);
}

interface RawImage {
  width: number;
  height: number;
  ppi: number | undefined;
  pixels: Uint8Array;
}

function decodeRaw(format: ImageFormat, bytes: Uint8Array): RawImage {
  try {
    switch (format) {
      case 'tiff':
        return decodeTiff(bytes);
      case 'png':
        return decodePng(bytes);
      case 'jpeg':
        return decodeJpeg(bytes);
      case 'bmp':
        return decodeBmp(bytes);
      case 'wsq': {
        // WSQ carries its resolution in the NISTCOM comment; -1 means absent (then 500 ppi is assumed).
        const w = decodeWsq(bytes);
        return { width: w.width, height: w.height, ppi: w.ppi > 0 ? w.ppi : undefined, pixels: w.pixels };
      }
      default:
        throw new UnsupportedImageFormatError('unknown', 'not TIFF, PNG, JPEG, BMP or WSQ (unrecognised magic bytes)');
    }
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    throw new ImageDecodeError(format, error instanceof Error ? error.message : String(error));
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function firstNumber(value: unknown): number | undefined {
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return typeof value === 'number' ? value : undefined;
}

function decodeTiff(bytes: Uint8Array): RawImage {
  const buffer = toArrayBuffer(bytes);
  const ifds = UTIF.decode(buffer);
  const ifd = ifds[0];
  if (!ifd) throw new ImageDecodeError('tiff', 'no image directory');
  UTIF.decodeImage(buffer, ifd);
  const { width, height } = ifd;
  const bits = firstNumber(ifd.t258) ?? 1;
  const samples = firstNumber(ifd.t277) ?? 1;
  const photometric = firstNumber(ifd.t262) ?? 1;
  let pixels: Uint8Array;
  if (bits === 8 && samples === 1 && (photometric === 0 || photometric === 1) && ifd.data.length >= width * height) {
    pixels = ifd.data.slice(0, width * height);
    if (photometric === 0) for (let i = 0; i < pixels.length; i++) pixels[i] = 255 - pixels[i];
  } else {
    pixels = rgbaToGrey(UTIF.toRGBA8(ifd), width, height);
  }
  const xres = firstNumber(ifd.t282);
  const unit = firstNumber(ifd.t296) ?? 2;
  const ppi = xres === undefined || unit === 1 ? undefined : unit === 3 ? xres * 2.54 : xres;
  return { width, height, ppi, pixels };
}

function decodePng(bytes: Uint8Array): RawImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, ppi: pngPpi(bytes), pixels: rgbaToGrey(png.data, png.width, png.height) };
}

function decodeJpeg(bytes: Uint8Array): RawImage {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
  return { width: img.width, height: img.height, ppi: jpegPpi(bytes), pixels: rgbaToGrey(img.data, img.width, img.height) };
}

function decodeBmp(bytes: Uint8Array): RawImage {
  const bmp = decodeBmpBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { toRGBA: true });
  return { width: bmp.width, height: bmp.height, ppi: bmpPpi(bmp.hr), pixels: rgbaToGrey(bmp.data, bmp.width, bmp.height) };
}
