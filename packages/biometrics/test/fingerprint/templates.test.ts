import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  decodeTemplate, encodeTemplate, NO_ORIENTATION, readAnsi378, readIso19794, TemplateFormatError, templateToRecord, writeAnsi378, writeIso19794,
  type FingerprintTemplate,
} from '../../src/index';

const SHARED = new URL('../../../../../shared/data/', import.meta.url);

function sample(): FingerprintTemplate {
  return {
    width: 400, height: 500, ppi: 500, imageQuality: 2,
    minutiae: [
      { x: 10, y: 20, angle: 0, type: 'ending', quality: 80 },
      { x: 300, y: 410, angle: Math.PI, type: 'bifurcation', quality: 55 },
      { x: 123, y: 45, angle: 4, type: 'other', quality: 0 },
    ],
  };
}

void test('compact template round-trips and rejects corrupt bytes with a typed error', () => {
  const t = sample();
  const back = decodeTemplate(encodeTemplate(t));
  assert.equal(back.minutiae.length, 3);
  assert.deepEqual(back.minutiae.map((m) => [m.x, m.y, m.type, m.quality]), t.minutiae.map((m) => [m.x, m.y, m.type, m.quality]));
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(back.minutiae[k].angle - t.minutiae[k].angle) < 1e-3);
  const bytes = encodeTemplate(t);
  assert.throws(() => decodeTemplate(bytes.subarray(0, bytes.length - 1)), TemplateFormatError);
  const bad = bytes.slice(); bad[4] = 9;
  assert.throws(() => decodeTemplate(bad), /unsupported version 9/);
});

void test('ISO 19794-2 and ANSI 378 writers round-trip through their readers', () => {
  const record = templateToRecord(sample(), 3);
  for (const [write, read, step] of [[writeIso19794, readIso19794, (2 * Math.PI) / 256], [writeAnsi378, readAnsi378, (2 * Math.PI) / 180]] as const) {
    const back = read(write(record));
    assert.equal(back.width, 400);
    assert.equal(back.xPpi, 500);
    assert.equal(back.views[0].fingerPosition, 3);
    const m = back.views[0].minutiae;
    assert.deepEqual(m.map((v) => [v.x, v.y, v.type]), record.views[0].minutiae.map((v) => [v.x, v.y, v.type]));
    m.forEach((v, k) => assert.ok(Math.abs(v.angle - record.views[0].minutiae[k].angle) <= step / 2 + 1e-9));
  }
  assert.throws(() => readIso19794(new TextEncoder().encode('FMR\0 20\0')), TemplateFormatError);
  assert.throws(() => readAnsi378(new TextEncoder().encode('XYZ\0 20\0')), /format identifier/);
});

void test('shared ISO/ANSI sample records parse consistently', { skip: !existsSync(new URL('ansi-nist/libbiomeval/fmr.iso2005', SHARED)) }, () => {
  const dir = new URL('ansi-nist/libbiomeval/', SHARED);
  const iso = readIso19794(readFileSync(new URL('fmr.iso2005', dir)));
  const a2004 = readAnsi378(readFileSync(new URL('fmr.ansi2004', dir)));
  const a2007 = readAnsi378(readFileSync(new URL('fmr.ansi2007', dir)));
  assert.equal(iso.views.length, 2);
  assert.equal(a2004.views.length, 3);
  assert.equal(a2007.views.length, 2);
  for (const r of [iso, a2004, a2007]) {
    assert.equal(r.views[0].fingerPosition, 7);
    assert.equal(r.views[0].minutiae.length, 27);
    assert.deepEqual([r.views[0].minutiae[0].x, r.views[0].minutiae[0].y], [100, 14]);
  }
  // Same minutia in three encodings: angles agree within the coarser (2°) quantisation.
  assert.ok(Math.abs(iso.views[0].minutiae[0].angle - a2004.views[0].minutiae[0].angle) < (2 * Math.PI) / 180);
  const fvc = readFileSync(new URL('fingerprints/fvc2002/DB1_B/101_1.iso', SHARED));
  assert.deepEqual(writeIso19794(readIso19794(fvc)), new Uint8Array(fvc));
});

void test('compact version 2 carries the orientation field; version 1 bytes are unchanged without one', () => {
  const plain = encodeTemplate(sample());
  assert.equal(plain[4], 1);
  assert.equal(plain.length, 15 + 8 * 3);
  const angles = Uint8Array.from({ length: 6 }, (_, k) => (k === 2 ? NO_ORIENTATION : k * 30));
  const t = { ...sample(), orientation: { cell: 16, cols: 3, rows: 2, angles } };
  const bytes = encodeTemplate(t);
  assert.equal(bytes[4], 2);
  assert.equal(bytes.length, 15 + 8 * 3 + 3 + 6);
  const back = decodeTemplate(bytes);
  assert.deepEqual(back.orientation, t.orientation);
  assert.equal(decodeTemplate(plain).orientation, undefined);
  // Truncated field, a value outside 0..179/255, and a zero cell side are typed errors.
  assert.throws(() => decodeTemplate(bytes.subarray(0, bytes.length - 1)), /orientation cells/);
  const odd = bytes.slice(); odd[odd.length - 1] = 200;
  assert.throws(() => decodeTemplate(odd), (e: unknown) => e instanceof TemplateFormatError && /holds 200/.test(e.message));
  const zero = bytes.slice(); zero[15 + 24] = 0;
  assert.throws(() => decodeTemplate(zero), /cell side is 0/);
  assert.throws(() => encodeTemplate({ ...t, orientation: { cell: 16, cols: 3, rows: 3, angles } }), RangeError);
});

void test('compact version 3 adds the ridge-period field; version 1 and 2 bytes still read and are still written without one', () => {
  const angles = Uint8Array.from({ length: 6 }, (_, k) => (k === 2 ? NO_ORIENTATION : k * 30));
  const orientation = { cell: 16, cols: 3, rows: 2, angles };
  const values = Uint8Array.from([90, 95, 0, 88, 101, 92]);
  const t = { ...sample(), orientation, ridgePeriod: { cell: 16, cols: 3, rows: 2, values } };
  const bytes = encodeTemplate(t);
  assert.equal(bytes[4], 3);
  assert.equal(bytes.length, 15 + 8 * 3 + 3 + 6 + 3 + 6);
  const back = decodeTemplate(bytes);
  assert.deepEqual(back.orientation, orientation);
  assert.deepEqual(back.ridgePeriod, t.ridgePeriod);
  // Without the period field: version 2 (and 1 without orientation), readable as before.
  const v2 = encodeTemplate({ ...sample(), orientation });
  assert.equal(v2[4], 2);
  assert.deepEqual(bytes.subarray(5, v2.length), v2.subarray(5));
  assert.equal(decodeTemplate(v2).ridgePeriod, undefined);
  assert.equal(encodeTemplate(sample())[4], 1);
  // Truncated, overlong, zero cell side: typed errors; a period field without orientation cannot be written.
  assert.throws(() => decodeTemplate(bytes.subarray(0, bytes.length - 1)), (e: unknown) => e instanceof TemplateFormatError && /period cells/.test(e.message));
  assert.throws(() => decodeTemplate(bytes.subarray(0, 15 + 24 + 9 + 2)), TemplateFormatError);
  assert.throws(() => decodeTemplate(Uint8Array.from([...bytes, 0])), /period cells/);
  const zero = bytes.slice(); zero[15 + 24 + 9] = 0;
  assert.throws(() => decodeTemplate(zero), /period cell side is 0/);
  const future = bytes.slice(); future[4] = 4;
  assert.throws(() => decodeTemplate(future), /unsupported version 4/);
  assert.throws(() => encodeTemplate({ ...sample(), ridgePeriod: t.ridgePeriod }), RangeError);
  assert.throws(() => encodeTemplate({ ...t, ridgePeriod: { cell: 16, cols: 3, rows: 3, values } }), RangeError);
});
