// Custodian compact template, version 1 (all integers big-endian):
//   0  "CFPT"  magic
//   4  u8      format version (1)
//   5  u8      flags (0; reserved)
//   6  u16     width   8 u16 height   10 u16 ppi
//  12  u8      image quality 0 (unknown) or 1..5
//  13  u16     minutia count n
//  15  n × 8 bytes: u16 x, u16 y, u16 angle (1/65536 turn, ISO counter-clockwise), u8 type (0 other, 1 ending, 2 bifurcation), u8 quality 0..100
import type { FingerprintTemplate, MinutiaType } from '../types';
import { ByteCursor, ByteWriter } from './byte-cursor';

export const COMPACT_VERSION = 1;
const TYPES: MinutiaType[] = ['other', 'ending', 'bifurcation'];

export function encodeTemplate(t: FingerprintTemplate): Uint8Array {
  const w = new ByteWriter();
  w.ascii('CFPT').u8(COMPACT_VERSION).u8(0).u16(t.width).u16(t.height).u16(t.ppi).u8(t.imageQuality).u16(t.minutiae.length);
  for (const m of t.minutiae) {
    w.u16(Math.max(0, Math.min(65535, Math.round(m.x)))).u16(Math.max(0, Math.min(65535, Math.round(m.y))));
    w.u16(Math.round((m.angle / (2 * Math.PI)) * 65536) & 0xffff).u8(TYPES.indexOf(m.type)).u8(m.quality);
  }
  return w.bytes();
}

export function decodeTemplate(bytes: Uint8Array): FingerprintTemplate {
  const c = new ByteCursor(bytes, 'custodian-compact');
  if (c.ascii(4, 'magic') !== 'CFPT') c.fail('magic is not "CFPT"');
  const version = c.u8('version');
  if (version !== COMPACT_VERSION) c.fail(`unsupported version ${version} (this reader knows ${COMPACT_VERSION})`);
  c.skip(1, 'flags');
  const width = c.u16('width'), height = c.u16('height'), ppi = c.u16('ppi');
  const imageQuality = c.u8('image quality');
  const n = c.u16('minutia count');
  if (bytes.length !== 15 + 8 * n) c.fail(`length ${bytes.length} does not match ${n} minutiae (expected ${15 + 8 * n})`);
  const minutiae = [];
  for (let k = 0; k < n; k++) {
    const x = c.u16('x'), y = c.u16('y'), a = c.u16('angle'), type = c.u8('type'), quality = c.u8('quality');
    if (type > 2) c.fail(`minutia type code ${type} unknown`);
    if (quality > 100) c.fail(`minutia quality ${quality} above 100`);
    minutiae.push({ x, y, angle: (a / 65536) * 2 * Math.PI, type: TYPES[type], quality });
  }
  return { width, height, ppi, imageQuality, minutiae };
}
