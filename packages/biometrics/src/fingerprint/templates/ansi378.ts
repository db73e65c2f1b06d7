// ANSI INCITS 378 finger minutiae record: writes the 2004 layout (version " 20"),
// reads both 2004 and the 2009 revision (version "030", per-view image size) that libbiomeval calls "2007".
import { ByteCursor, ByteWriter } from './byte-cursor';
import { ppcmToPpi, ppiToPpcm, readMinutia, writeMinutia, type FingerMinutiaeRecord, type FingerView } from './finger-record';

const ANSI_ANGLE_UNITS = 180;
const CBEFF_PRODUCT_ID = 0;

export function readAnsi378(bytes: Uint8Array): FingerMinutiaeRecord {
  const c = new ByteCursor(bytes, 'ansi378');
  if (c.ascii(4, 'format identifier') !== 'FMR\0') c.fail('format identifier is not "FMR"');
  const version = c.ascii(4, 'version');
  if (version === ' 20\0') return read2004(c);
  if (version === '030\0') return read2009(c);
  return c.fail(`version ${JSON.stringify(version)} is neither " 20" nor "030"`);
}

function readViewsBody(c: ByteCursor, count: number, isLast: boolean): FingerView['minutiae'] {
  const minutiae = [];
  for (let k = 0; k < count; k++) minutiae.push(readMinutia(c, ANSI_ANGLE_UNITS));
  c.skipLenient(c.u16('extended data length'), 'extended data', isLast);
  return minutiae;
}

function read2004(c: ByteCursor): FingerMinutiaeRecord {
  let length = c.u16('record length');
  if (length === 0) length = c.u32('extended record length');
  if (length > c.bytes.length) c.fail(`record length ${length} exceeds the ${c.bytes.length} bytes given`);
  c.skip(4, 'CBEFF product identifier');
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
    const count = c.u8('number of minutiae');
    views.push({ fingerPosition, viewNumber: vi >> 4, impressionType: vi & 0x0f, fingerQuality, minutiae: readViewsBody(c, count, v === viewCount - 1) });
  }
  return { width, height, xPpi, yPpi, captureEquipmentId, views };
}

function read2009(c: ByteCursor): FingerMinutiaeRecord {
  const length = c.u32('record length');
  if (length > c.bytes.length) c.fail(`record length ${length} exceeds the ${c.bytes.length} bytes given`);
  c.skip(4, 'CBEFF product identifier');
  const captureEquipmentId = c.u16('capture equipment') & 0x0fff;
  const viewCount = c.u8('number of finger views');
  c.skip(1, 'reserved byte');
  const views: FingerView[] = [];
  let width = 0, height = 0, xPpi = 0, yPpi = 0;
  for (let v = 0; v < viewCount; v++) {
    const fingerPosition = c.u8('finger position');
    const viewNumber = c.u8('view number');
    const impressionType = c.u8('impression type');
    const fingerQuality = c.u8('finger quality');
    c.skip(4, 'quality algorithm vendor and identifier');
    width = c.u16('image width');
    height = c.u16('image height');
    xPpi = ppcmToPpi(c.u16('x resolution'));
    yPpi = ppcmToPpi(c.u16('y resolution'));
    const count = c.u8('number of minutiae');
    views.push({ fingerPosition, viewNumber, impressionType, fingerQuality, minutiae: readViewsBody(c, count, v === viewCount - 1) });
  }
  return { width, height, xPpi, yPpi, captureEquipmentId, views };
}

export function writeAnsi378(record: FingerMinutiaeRecord): Uint8Array {
  const w = new ByteWriter();
  w.ascii('FMR\0').ascii(' 20\0').u16(0).u32(CBEFF_PRODUCT_ID).u16(record.captureEquipmentId & 0x0fff);
  w.u16(record.width).u16(record.height).u16(ppiToPpcm(record.xPpi)).u16(ppiToPpcm(record.yPpi));
  w.u8(record.views.length).u8(0);
  for (const view of record.views) {
    const minutiae = view.minutiae.slice(0, 255);
    w.u8(view.fingerPosition).u8(((view.viewNumber & 0x0f) << 4) | (view.impressionType & 0x0f)).u8(view.fingerQuality).u8(minutiae.length);
    for (const m of minutiae) writeMinutia(w, m, ANSI_ANGLE_UNITS);
    w.u16(0);
  }
  if (w.length > 0xffff) throw new RangeError(`ANSI 378 record of ${w.length} bytes exceeds the 2-byte length field`);
  w.patchU16(8, w.length);
  return w.bytes();
}
