// Custodian compact template (all integers big-endian):
//   0  "CFPT"  magic
//   4  u8      format version: 1 = minutiae only, 2 = minutiae + orientation field, 3 = minutiae + orientation + ridge period
//   5  u8      flags (0; reserved)
//   6  u16     width   8 u16 height   10 u16 ppi
//  12  u8      image quality 0 (unknown) or 1..5
//  13  u16     minutia count n
//  15  n × 8 bytes: u16 x, u16 y, u16 angle (1/65536 turn, ISO counter-clockwise), u8 type (0 other, 1 ending, 2 bifurcation), u8 quality 0..100
// versions 2 and 3, at 15 + 8n:
//      u8 cell side (pixels), u8 cols, u8 rows, cols × rows bytes: orientation 0..179 degrees or 255 (background)
// version 3 only, after that:
//      u8 cell side (pixels), u8 cols, u8 rows, cols × rows bytes: ridge period in tenths of a pixel, 0 = background
// A template without an orientation field is written as version 1, with one but no period field as version 2,
// byte for byte as before; a period field needs an orientation field (the extractor always gives both).
import { NO_ORIENTATION, type FingerprintTemplate, type MinutiaType, type OrientationField, type RidgePeriodField } from '../types';
import { ByteCursor, ByteWriter } from './byte-cursor';

export const COMPACT_VERSION = 3;
const TYPES: MinutiaType[] = ['other', 'ending', 'bifurcation'];

export function encodeTemplate(t: FingerprintTemplate): Uint8Array {
  const f = t.orientation;
  if (f && (f.cell < 1 || f.cell > 255 || f.cols > 255 || f.rows > 255 || f.angles.length !== f.cols * f.rows)) {
    throw new RangeError(`orientation field ${f.cols}x${f.rows} cells of ${f.cell} px with ${f.angles.length} values cannot be encoded`);
  }
  const r = t.ridgePeriod;
  if (r && !f) throw new RangeError('a ridge-period field cannot be encoded without an orientation field');
  if (r && (r.cell < 1 || r.cell > 255 || r.cols > 255 || r.rows > 255 || r.values.length !== r.cols * r.rows)) {
    throw new RangeError(`ridge-period field ${r.cols}x${r.rows} cells of ${r.cell} px with ${r.values.length} values cannot be encoded`);
  }
  const w = new ByteWriter();
  w.ascii('CFPT').u8(r ? 3 : f ? 2 : 1).u8(0).u16(t.width).u16(t.height).u16(t.ppi).u8(t.imageQuality).u16(t.minutiae.length);
  for (const m of t.minutiae) {
    w.u16(Math.max(0, Math.min(65535, Math.round(m.x)))).u16(Math.max(0, Math.min(65535, Math.round(m.y))));
    w.u16(Math.round((m.angle / (2 * Math.PI)) * 65536) & 0xffff).u8(TYPES.indexOf(m.type)).u8(m.quality);
  }
  if (f) {
    w.u8(f.cell).u8(f.cols).u8(f.rows);
    for (const a of f.angles) w.u8(a);
  }
  if (r) {
    w.u8(r.cell).u8(r.cols).u8(r.rows);
    for (const v of r.values) w.u8(v);
  }
  return w.bytes();
}

export function decodeTemplate(bytes: Uint8Array): FingerprintTemplate {
  const c = new ByteCursor(bytes, 'custodian-compact');
  if (c.ascii(4, 'magic') !== 'CFPT') c.fail('magic is not "CFPT"');
  const version = c.u8('version');
  if (version < 1 || version > COMPACT_VERSION) c.fail(`unsupported version ${version} (this reader knows 1 to ${COMPACT_VERSION})`);
  c.skip(1, 'flags');
  const width = c.u16('width'), height = c.u16('height'), ppi = c.u16('ppi');
  const imageQuality = c.u8('image quality');
  const n = c.u16('minutia count');
  if (version === 1 && bytes.length !== 15 + 8 * n) c.fail(`length ${bytes.length} does not match ${n} minutiae (expected ${15 + 8 * n})`);
  const minutiae = [];
  for (let k = 0; k < n; k++) {
    const x = c.u16('x'), y = c.u16('y'), a = c.u16('angle'), type = c.u8('type'), quality = c.u8('quality');
    if (type > 2) c.fail(`minutia type code ${type} unknown`);
    if (quality > 100) c.fail(`minutia quality ${quality} above 100`);
    minutiae.push({ x, y, angle: (a / 65536) * 2 * Math.PI, type: TYPES[type], quality });
  }
  if (version === 1) return { width, height, ppi, imageQuality, minutiae };
  const cell = c.u8('orientation cell'), cols = c.u8('orientation cols'), rows = c.u8('orientation rows');
  if (cell === 0) c.fail('orientation cell side is 0');
  const expected = 15 + 8 * n + 3 + cols * rows;
  if (version === 2 && bytes.length !== expected) c.fail(`length ${bytes.length} does not match ${n} minutiae and ${cols}x${rows} orientation cells (expected ${expected})`);
  if (version === 3 && bytes.length < expected + 3) c.fail(`length ${bytes.length} leaves no room for the ridge-period field after ${n} minutiae and ${cols}x${rows} orientation cells`);
  const angles = bytes.slice(c.pos, c.pos + cols * rows);
  for (let k = 0; k < angles.length; k++) {
    if (angles[k] >= 180 && angles[k] !== NO_ORIENTATION) c.fail(`orientation cell ${k} holds ${angles[k]}, not 0..179 or 255`);
  }
  const orientation: OrientationField = { cell, cols, rows, angles };
  if (version === 2) return { width, height, ppi, imageQuality, minutiae, orientation };
  c.skip(cols * rows, 'orientation cells');
  const pCell = c.u8('period cell'), pCols = c.u8('period cols'), pRows = c.u8('period rows');
  if (pCell === 0) c.fail('period cell side is 0');
  const total = expected + 3 + pCols * pRows;
  if (bytes.length !== total) c.fail(`length ${bytes.length} does not match ${n} minutiae, ${cols}x${rows} orientation and ${pCols}x${pRows} period cells (expected ${total})`);
  const ridgePeriod: RidgePeriodField = { cell: pCell, cols: pCols, rows: pRows, values: bytes.slice(c.pos, c.pos + pCols * pRows) };
  return { width, height, ppi, imageQuality, minutiae, orientation, ridgePeriod };
}
