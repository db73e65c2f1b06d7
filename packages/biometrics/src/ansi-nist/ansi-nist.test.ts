import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AnsiNistError, buildTransaction, exportTransaction, faceImagesFromTransaction, fieldValue,
  fingerprintImagesFromTransaction, parseTransaction, textOf, validateTransaction, writeTransaction,
  type Transaction,
} from '../index';

function ridges(w: number, h: number): Uint8Array {
  const px = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[y * w + x] = Math.round(128 + 100 * Math.sin(Math.hypot(x - w / 2, y - h / 2) / 1.7));
  return px;
}

const FAKE_JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0x1c, 0x1d, 0xff, 0xd9]);

function sample(): Transaction {
  return buildTransaction({
    type1: { tot: 'CAR', dai: 'DEST00001', ori: 'ORIG00001', tcn: 'TCN-0001', date: '20260101', priority: 4 },
    type2: { 18: 'DOË, JANE', 20: [['A', 'B'], ['C']] },
    fingerprints: [
      { position: 2, pixels: ridges(160, 200), width: 160, height: 200 },
      { position: 7, pixels: ridges(150, 170), width: 150, height: 170, ppi: 1000 },
    ],
    faces: [{ data: FAKE_JPEG, compression: 'JPEGB', width: 480, height: 600, pose: 'F' }],
  });
}

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (se / a.length));
}

void test('built transaction writes, reads back identically and validates clean', () => {
  const bytes = writeTransaction(sample());
  const tx = parseTransaction(bytes);
  assert.deepEqual(tx.records.map((r) => r.type), [1, 2, 14, 14, 10]);
  assert.deepEqual(validateTransaction(tx), []);
  assert.deepEqual(writeTransaction(tx), bytes, 'byte-exact re-encoding');
  assert.equal(fieldValue(tx.records[0], 3), '1');
  assert.deepEqual(tx.records[0].kind === 'tagged' && tx.records[0].fields.find((f) => f.number === 3)?.subfields,
    [['1', '4'], ['2', '00'], ['14', '01'], ['14', '02'], ['10', '03']]);
  assert.equal(textOf(fieldValue(tx.records[1], 18)!), 'DOË, JANE');
  assert.equal(fieldValue(tx.records[0], 15), '3', 'DCS declares UTF-8');
});

void test('fingerprint and face helpers return decoded WSQ and stored face bytes', () => {
  const tx = parseTransaction(exportTransaction({
    type1: { tot: 'CAR', dai: 'D', ori: 'O', tcn: 'T', date: '20260101' },
    fingerprints: [{ position: 3, pixels: ridges(128, 144), width: 128, height: 144 }],
    faces: [{ data: FAKE_JPEG, compression: 'JPEGB', width: 10, height: 20 }],
  }));
  const [fp] = fingerprintImagesFromTransaction(tx);
  assert.deepEqual([fp.recordType, fp.fingerPositions, fp.compression, fp.width, fp.height, fp.ppi], [14, [3], 'WSQ20', 128, 144, 500]);
  assert.deepEqual(fp.problems, []);
  assert.ok(psnr(ridges(128, 144), fp.pixels!) > 30);
  const [face] = faceImagesFromTransaction(tx);
  assert.deepEqual(face.data, FAKE_JPEG);
  assert.equal(face.compression, 'JPEGB');
});

void test('builder rejects bad input with field-level issues', () => {
  assert.throws(
    () => buildTransaction({ type1: { tot: '', dai: 'D', ori: 'O', tcn: 'T', date: '2026-01-01' }, fingerprints: [{ position: 22, pixels: new Uint8Array(3), width: 2, height: 2 }] }),
    (e: unknown) => e instanceof AnsiNistError && ['1.004', '1.005', '14.013', '14.999'].every((f) => e.issues.some((i) => i.field === f)),
  );
});

function expectParseError(bytes: Uint8Array, what: string, check?: (e: AnsiNistError) => boolean): void {
  assert.throws(() => parseTransaction(bytes), (e: unknown) => {
    assert.ok(e instanceof AnsiNistError, `${what}: got ${String(e)}`);
    assert.ok(e.issues.length > 0 && e.issues.every((i) => i.severity === 'error'), what);
    return check ? check(e) : true;
  }, what);
}

void test('truncated files are rejected whole, naming the record', () => {
  const bytes = writeTransaction(sample());
  for (const cut of [0, 1, 10, 60, 150, 400, 2000, bytes.length - 1]) expectParseError(bytes.subarray(0, cut), `cut at ${cut}`);
  expectParseError(bytes.subarray(0, bytes.length - 5), 'cut in last record', (e) => e.issues.some((i) => i.record === 4));
});

void test('bad lengths, bad CNT and trailing garbage are clear errors', () => {
  const text = Buffer.from(writeTransaction(sample())).toString('latin1');
  const enc = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));
  const lengthOf2 = /2\.001:(\d+)/.exec(text)!;
  const wrongLen = text.replace(lengthOf2[0], `2.001:${Number(lengthOf2[1]) + 7}`);
  expectParseError(enc(wrongLen), 'length +7', (e) => e.issues.some((i) => i.record === 1 && i.field === '2.001'));
  expectParseError(enc(text.replace('1.003:1\x1f4', '1.003:1\x1f5')), 'CNT count', (e) => e.issues.some((i) => i.field === '1.003'));
  expectParseError(enc(text.replace('\x1e14\x1f01', '\x1e15\x1f01')), 'CNT type', (e) => e.issues.some((i) => i.record === 2));
  // Dropping a CNT entry also shortens Type-1, so fix its length to isolate the CNT problem.
  const dropped = text.replace('\x1e10\x1f03', '');
  const t1len = Number(/^1\.001:(\d+)/.exec(dropped)![1]);
  expectParseError(enc(dropped.replace(`1.001:${t1len}`, `1.001:${t1len - 6}`)), 'CNT missing record', (e) => e.issues.some((i) => i.record === -1));
  expectParseError(enc(`${text}JUNK`), 'trailing bytes', (e) => e.issues.some((i) => i.record === -1));
  expectParseError(enc(text.replace('1.001:', '1.0x1:')), 'bad first tag', (e) => e.issues.some((i) => i.record === 0));
});

void test('random garbage and byte flips never crash the reader', () => {
  const good = writeTransaction(sample());
  let seed = 99;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 300; i++) {
    const bad = i % 3 === 0 ? Uint8Array.from({ length: 1 + Math.floor(rnd() * 400) }, () => Math.floor(rnd() * 256)) : good.slice();
    if (i % 3 !== 0) for (let k = 0; k < 4; k++) bad[Math.floor(rnd() * Math.min(bad.length, 600))] = Math.floor(rnd() * 256);
    try {
      const tx = parseTransaction(bad);
      validateTransaction(tx);
      fingerprintImagesFromTransaction(tx);
    } catch (e) {
      assert.ok(e instanceof AnsiNistError, String(e));
    }
  }
});

void test('validateTransaction reports missing mandatory fields and CNT/IDC mismatches', () => {
  const tx = sample();
  const t14 = tx.records[2];
  assert.ok(t14.kind === 'tagged');
  t14.fields = t14.fields.filter((f) => f.number !== 13);
  const t1 = tx.records[0];
  assert.ok(t1.kind === 'tagged');
  t1.fields.find((f) => f.number === 3)!.subfields = [['1', '4'], ['2', '00'], ['14', '09'], ['14', '02'], ['10', '03']];
  const issues = validateTransaction(tx);
  assert.ok(issues.some((i) => i.record === 2 && i.field === '14.013' && /mandatory/.test(i.message)));
  assert.ok(issues.some((i) => i.record === 2 && i.field === '1.003' && /IDC/.test(i.message)));
});
