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
