// ISO/IEC 19794-2:2005 finger minutiae record (format identifier "FMR", version " 20").
import { ByteCursor, ByteWriter } from './byte-cursor';
import { ppcmToPpi, ppiToPpcm, readMinutia, writeMinutia, type FingerMinutiaeRecord, type FingerView } from './finger-record';

const ISO_ANGLE_UNITS = 256;

export function readIso19794(bytes: Uint8Array): FingerMinutiaeRecord {
  const c = new ByteCursor(bytes, 'iso19794-2:2005');
  if (c.ascii(4, 'format identifier') !== 'FMR\0') c.fail('format identifier is not "FMR"');
  const version = c.ascii(4, 'version');
  if (version !== ' 20\0') c.fail(`version ${JSON.stringify(version)} is not " 20" (2005)`);
  const length = c.u32('record length');
  if (length > bytes.length) c.fail(`record length ${length} exceeds the ${bytes.length} bytes given`);
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
    const minutiae = [];
    for (let k = 0; k < count; k++) minutiae.push(readMinutia(c, ISO_ANGLE_UNITS));
    const ext = c.u16('extended data length');
    c.skipLenient(ext, 'extended data', v === viewCount - 1);
    views.push({ fingerPosition, viewNumber: vi >> 4, impressionType: vi & 0x0f, fingerQuality, minutiae });
  }
  return { width, height, xPpi, yPpi, captureEquipmentId, views };
}

export function writeIso19794(record: FingerMinutiaeRecord): Uint8Array {
  const w = new ByteWriter();
  w.ascii('FMR\0').ascii(' 20\0').u32(0).u16(record.captureEquipmentId & 0x0fff);
  w.u16(record.width).u16(record.height).u16(ppiToPpcm(record.xPpi)).u16(ppiToPpcm(record.yPpi));
  w.u8(record.views.length).u8(0);
  for (const view of record.views) {
    const minutiae = view.minutiae.slice(0, 255);
    w.u8(view.fingerPosition).u8(((view.viewNumber & 0x0f) << 4) | (view.impressionType & 0x0f)).u8(view.fingerQuality).u8(minutiae.length);
    for (const m of minutiae) writeMinutia(w, m, ISO_ANGLE_UNITS);
    w.u16(0);
  }
  w.patchU32(8, w.length);
  return w.bytes();
}
