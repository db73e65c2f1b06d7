import type { GreyImage } from '../../image/grey-image';
import { rescaleToStandard } from '../../image/grey-image';
import type { FingerprintTemplate, Minutia } from '../types';
import { enhanceAndBinarise } from './enhance';
import { BLOCK, computeField, erodeBlocks } from './field';
import { cleanBinary } from './cleanup';
import { detectMinutiae } from './minutiae';
import { blockDistance, imageQuality } from './quality';
import { thin } from './thin';

export const MAX_MINUTIAE = 120;

/** Extraction knobs kept in one place so evaluation can try alternatives; defaults are the measured best. */
export const EXTRACTION = { minQuality: 0, borderErosions: 2 };

export class FingerprintExtractionError extends Error {
  constructor(readonly reason: string) {
    super(`cannot extract fingerprint: ${reason}`);
    this.name = 'FingerprintExtractionError';
  }
}

export interface ExtractionResult {
  minutiae: Minutia[];
  /** 1 (best) to 5 (worst). */
  quality: number;
  template: FingerprintTemplate;
}

/** Extract minutiae from a grey fingerprint image (any resolution; rescaled to 500 ppi first). */
export function extractFingerprint(input: GreyImage): ExtractionResult {
  if (input.pixels.length !== input.width * input.height || input.width < 32 || input.height < 32) {
    throw new FingerprintExtractionError(`image ${input.width}x${input.height} with ${input.pixels.length} pixels is too small or inconsistent`);
  }
  const image = rescaleToStandard(input);
  const { width, height, pixels } = image;
  const field = computeField(pixels, width, height);
  const binary = enhanceAndBinarise(pixels, field);
  const pixelMask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixelMask[y * width + x] = field.mask[((y / BLOCK) | 0) * field.bw + ((x / BLOCK) | 0)];
  const periods = Array.from(field.period).sort((a, b) => a - b);
  const skeleton = thin(cleanBinary(binary, pixelMask, width, height, periods[periods.length >> 1]), width, height);
  let eligible = field.mask;
  for (let k = 0; k < EXTRACTION.borderErosions; k++) eligible = erodeBlocks(eligible, field.bw, field.bh);
  const dist = blockDistance(field.mask, field.bw, field.bh);
  const raw = detectMinutiae(skeleton, field, eligible, dist);
  raw.sort((a, b) => b.quality - a.quality || a.y - b.y || a.x - b.x);
  const kept = raw.filter((m) => m.quality >= EXTRACTION.minQuality).slice(0, MAX_MINUTIAE);
  const minutiae: Minutia[] = kept.map((m) => ({
    x: m.x,
    y: m.y,
    // Image frame has y down; the template convention is counter-clockwise as seen on screen.
    angle: (2 * Math.PI - m.theta) % (2 * Math.PI),
    type: m.bifurcation ? 'bifurcation' : 'ending',
    quality: m.quality,
  }));
  const quality = imageQuality(field, kept);
  return { minutiae, quality, template: { width, height, ppi: 500, imageQuality: quality, minutiae } };
}
