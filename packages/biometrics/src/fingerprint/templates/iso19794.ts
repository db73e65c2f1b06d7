// ISO/IEC 19794-2:2005 finger minutiae record (format identifier "FMR", version " 20").
import { ByteCursor, ByteWriter } from './byte-cursor';
import { readRecordBody, writeRecordBody, type FingerMinutiaeRecord } from './finger-record';

const ISO_ANGLE_UNITS = 256;

export function readIso19794(bytes: Uint8Array): FingerMinutiaeRecord {
  const c = new ByteCursor(bytes, 'iso19794-2:2005');
  if (c.ascii(4, 'format identifier') !== 'FMR\0') c.fail('format identifier is not "FMR"');
  const version = c.ascii(4, 'version');
  if (version !== ' 20\0') c.fail(`version ${JSON.stringify(version)} is not " 20" (2005)`);
  const length = c.u32('record length');
  if (length > bytes.length) c.fail(`record length ${length} exceeds the ${bytes.length} bytes given`);
  return readRecordBody(c, ISO_ANGLE_UNITS);
}

export function writeIso19794(record: FingerMinutiaeRecord): Uint8Array {
  const w = new ByteWriter();
  w.ascii('FMR\0').ascii(' 20\0').u32(0);
  writeRecordBody(w, record, ISO_ANGLE_UNITS);
  w.patchU32(8, w.length);
  return w.bytes();
}
