// ANSI INCITS 378 finger minutiae record: writes the 2004 layout (version " 20"),
// reads both 2004 and the 2009 revision (version "030", per-view image size) that libbiomeval calls "2007".
import { ByteCursor, ByteWriter } from './byte-cursor';
import { ppcmToPpi, readMinutiae, readRecordBody, writeRecordBody, type FingerMinutiaeRecord, type FingerView } from './finger-record';

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

function read2004(c: ByteCursor): FingerMinutiaeRecord {
  let length = c.u16('record length');
  if (length === 0) length = c.u32('extended record length');
  if (length > c.bytes.length) c.fail(`record length ${length} exceeds the ${c.bytes.length} bytes given`);
  c.skip(4, 'CBEFF product identifier');
  return readRecordBody(c, ANSI_ANGLE_UNITS);
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
    views.push({ fingerPosition, viewNumber, impressionType, fingerQuality, minutiae: readMinutiae(c, ANSI_ANGLE_UNITS, v === viewCount - 1) });
  }
  return { width, height, xPpi, yPpi, captureEquipmentId, views };
}

export function writeAnsi378(record: FingerMinutiaeRecord): Uint8Array {
  const w = new ByteWriter();
  w.ascii('FMR\0').ascii(' 20\0').u16(0).u32(CBEFF_PRODUCT_ID);
  writeRecordBody(w, record, ANSI_ANGLE_UNITS);
  if (w.length > 0xffff) throw new RangeError(`ANSI 378 record of ${w.length} bytes exceeds the 2-byte length field`);
  w.patchU16(8, w.length);
  return w.bytes();
}
