import type { GreyImage } from '../../image/grey-image';
import { rescaleToStandard } from '../../image/grey-image';
import { NO_ORIENTATION, type FingerprintTemplate, type Minutia, type OrientationField, type RidgePeriodField } from '../types';
import { enhanceAndBinarise } from './enhance';
import { BLOCK, computeField, erodeBlocks, type RidgeField } from './field';
import { cleanBinary } from './cleanup';
import { detectMinutiae } from './minutiae';
import { blockDistance, imageQuality } from './quality';
import { thin } from './thin';

export const MAX_MINUTIAE = 120;

/** Extraction knobs kept in one place so evaluation can try alternatives; defaults are the measured best. */
export const EXTRACTION = { minQuality: 0, borderErosions: 2, period: true };

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
  const raw = detectMinutiae(skeleton, field, eligible, dist, pixels);
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
  const orientation = orientationField(field);
  const ridgePeriod = EXTRACTION.period ? periodField(field) : undefined;
  return { minutiae, quality, template: { width, height, ppi: 500, imageQuality: quality, minutiae, orientation, ...(ridgePeriod ? { ridgePeriod } : {}) } };
}

/** Cells of ORIENTATION_CELL_BLOCKS × ORIENTATION_CELL_BLOCKS blocks kept in the template for the matcher's second cue. */
export const ORIENTATION_CELL_BLOCKS = 2;

/**
 * Walks the field's cells of ORIENTATION_CELL_BLOCKS × ORIENTATION_CELL_BLOCKS blocks and calls `visit` for each
 * foreground cell (most of its blocks foreground) with the cell's index (row-major) and its foreground blocks.
 */
function eachForegroundCell(field: RidgeField, visit: (cell: number, blocks: readonly number[]) => void): { cols: number; rows: number } {
  const k = ORIENTATION_CELL_BLOCKS;
  const cols = Math.ceil(field.bw / k), rows = Math.ceil(field.bh / k);
  const blocks: number[] = [];
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      blocks.length = 0;
      let total = 0;
      for (let by = cy * k; by < Math.min(field.bh, cy * k + k); by++) {
        for (let bx = cx * k; bx < Math.min(field.bw, cx * k + k); bx++) {
          const b = by * field.bw + bx;
          total++;
          if (field.mask[b]) blocks.push(b);
        }
      }
      if (blocks.length * 2 > total) visit(cy * cols + cx, blocks);
    }
  }
  return { cols, rows };
}

/** Coarse orientation field: doubled-angle mean of each cell's blocks; a cell is foreground when most of its blocks are. */
export function orientationField(field: RidgeField): OrientationField {
  const angles = new Uint8Array(Math.ceil(field.bw / ORIENTATION_CELL_BLOCKS) * Math.ceil(field.bh / ORIENTATION_CELL_BLOCKS)).fill(NO_ORIENTATION);
  const { cols, rows } = eachForegroundCell(field, (cell, blocks) => {
    let c = 0, s = 0;
    for (const b of blocks) {
      c += field.cos2[b] * field.coherence[b];
      s += field.sin2[b] * field.coherence[b];
    }
    if (c === 0 && s === 0) return;
    // Image frame has y down: the on-screen counter-clockwise orientation is the negated angle, mod 180°.
    const degrees = Math.round((-0.5 * Math.atan2(s, c) * 180) / Math.PI);
    angles[cell] = ((degrees % 180) + 180) % 180;
  });
  return { cell: ORIENTATION_CELL_BLOCKS * BLOCK, cols, rows, angles };
}

/** Coarse ridge-period field for the matcher's period cue: mean period of each cell's foreground blocks, tenths of a pixel; 0 = background. */
export function periodField(field: RidgeField): RidgePeriodField {
  const values = new Uint8Array(Math.ceil(field.bw / ORIENTATION_CELL_BLOCKS) * Math.ceil(field.bh / ORIENTATION_CELL_BLOCKS));
  const { cols, rows } = eachForegroundCell(field, (cell, blocks) => {
    let sum = 0;
    for (const b of blocks) sum += field.period[b];
    values[cell] = Math.max(1, Math.min(255, Math.round((10 * sum) / blocks.length)));
  });
  return { cell: ORIENTATION_CELL_BLOCKS * BLOCK, cols, rows, values };
}
