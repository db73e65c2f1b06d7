// Shared model and 6-byte minutia codec of ISO/IEC 19794-2:2005 and ANSI INCITS 378 records.
import type { FingerprintTemplate, Minutia, MinutiaType } from '../types';
import type { ByteCursor, ByteWriter } from './byte-cursor';

export interface FingerView {
  /** ISO/ANSI finger position code: 0 unknown, 1 right thumb … 10 left little. */
  fingerPosition: number;
  viewNumber: number;
  impressionType: number;
  /** 0–100. */
  fingerQuality: number;
  minutiae: Minutia[];
}

export interface FingerMinutiaeRecord {
  width: number;
  height: number;
  /** Pixels per inch (records store pixels per centimetre). */
  xPpi: number;
  yPpi: number;
  captureEquipmentId: number;
  views: FingerView[];
}

const TYPE_CODES: Record<MinutiaType, number> = { other: 0, ending: 1, bifurcation: 2 };
const TYPES: MinutiaType[] = ['other', 'ending', 'bifurcation', 'other'];

export function ppcmToPpi(ppcm: number): number {
  return Math.round(ppcm * 2.54);
}
export function ppiToPpcm(ppi: number): number {
  return Math.round(ppi / 2.54);
}

/** `angleUnits` is the number of angle codes per full turn (256 for ISO, 180 for ANSI). */
export function readMinutia(c: ByteCursor, angleUnits: number): Minutia {
  const a = c.u16('minutia x');
  const b = c.u16('minutia y');
  const angle = c.u8('minutia angle');
  const quality = c.u8('minutia quality');
  if (angle >= angleUnits) c.fail(`minutia angle code ${angle} out of range 0..${angleUnits - 1}`);
  return { x: a & 0x3fff, y: b & 0x3fff, type: TYPES[a >> 14], angle: (angle * 2 * Math.PI) / angleUnits, quality: Math.min(100, quality) };
}

export function writeMinutia(w: ByteWriter, m: Minutia, angleUnits: number): void {
  const x = Math.max(0, Math.min(0x3fff, Math.round(m.x)));
  const y = Math.max(0, Math.min(0x3fff, Math.round(m.y)));
  const code = Math.round((m.angle / (2 * Math.PI)) * angleUnits) % angleUnits;
  w.u16((TYPE_CODES[m.type] << 14) | x).u16(y).u8((code + angleUnits) % angleUnits).u8(Math.max(0, Math.min(100, Math.round(m.quality))));
}

/**
 * What ISO/IEC 19794-2:2005 and ANSI INCITS 378-2004 share after the record length (and ANSI's
 * CBEFF product id): capture equipment, image size and resolution, then the views, each with its
 * minutiae and an extended-data block (skipped; a truncated one is tolerated on the last view).
 */
export function readRecordBody(c: ByteCursor, angleUnits: number): FingerMinutiaeRecord {
  const captureEquipmentId = c.u16('capture equipment') & 0x0fff;
  const width = c.u16('image width');
  const height = c.u16('image height');
  const xPpi = ppcmToPpi(c.u16('x resolution'));
  const yPpi = ppcmToPpi(c.u16('y resolution'));
  const viewCount = c.u8('number of finger views');
  c.skip(1, 'reserved byte');
  const views: FingerView[] = [];
  for (let v = 0; v < viewCount; v++) {
    const fingerPosition = c.u8('finger position');
    const vi = c.u8('view number / impression type');
    const fingerQuality = c.u8('finger quality');
    views.push({ fingerPosition, viewNumber: vi >> 4, impressionType: vi & 0x0f, fingerQuality, minutiae: readMinutiae(c, angleUnits, v === viewCount - 1) });
  }
  return { width, height, xPpi, yPpi, captureEquipmentId, views };
}

/** A view's minutia count, its minutiae and its extended-data block (as in every layout). */
export function readMinutiae(c: ByteCursor, angleUnits: number, isLastView: boolean): Minutia[] {
  const count = c.u8('number of minutiae');
  const minutiae: Minutia[] = [];
  for (let k = 0; k < count; k++) minutiae.push(readMinutia(c, angleUnits));
  c.skipLenient(c.u16('extended data length'), 'extended data', isLastView);
  return minutiae;
}

/** The writer's side of `readRecordBody` (at most 255 minutiae per view; no extended data). */
export function writeRecordBody(w: ByteWriter, record: FingerMinutiaeRecord, angleUnits: number): void {
  w.u16(record.captureEquipmentId & 0x0fff);
  w.u16(record.width).u16(record.height).u16(ppiToPpcm(record.xPpi)).u16(ppiToPpcm(record.yPpi));
  w.u8(record.views.length).u8(0);
  for (const view of record.views) {
    const minutiae = view.minutiae.slice(0, 255);
    w.u8(view.fingerPosition).u8(((view.viewNumber & 0x0f) << 4) | (view.impressionType & 0x0f)).u8(view.fingerQuality).u8(minutiae.length);
    for (const m of minutiae) writeMinutia(w, m, angleUnits);
    w.u16(0);
  }
}

/** The first view as an engine template (coordinates stay in the record's own frame and resolution). */
export function recordToTemplate(record: FingerMinutiaeRecord, viewIndex = 0): FingerprintTemplate {
  const view = record.views[viewIndex];
  if (!view) throw new RangeError(`record has ${record.views.length} views; view ${viewIndex} does not exist`);
  return { width: record.width, height: record.height, ppi: record.xPpi || 500, imageQuality: 0, minutiae: view.minutiae };
}

export function templateToRecord(template: FingerprintTemplate, fingerPosition = 0): FingerMinutiaeRecord {
  return {
    width: template.width,
    height: template.height,
    xPpi: template.ppi,
    yPpi: template.ppi,
    captureEquipmentId: 0,
    views: [{ fingerPosition, viewNumber: 0, impressionType: 0, fingerQuality: template.imageQuality ? (6 - template.imageQuality) * 20 : 0, minutiae: template.minutiae }],
  };
}
