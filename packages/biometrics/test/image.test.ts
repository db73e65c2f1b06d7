import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { decodeImage, encodeWsq, ImageDecodeError } from '../src/index';

function greyPng(width: number, height: number, ppm?: number): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const v = (i * 7) % 256;
    png.data.set([v, v, v, 255], i * 4);
  }
  const bytes = new Uint8Array(PNG.sync.write(png));
  if (ppm === undefined) return bytes;
  // Insert a pHYs chunk after IHDR (8-byte signature + 25-byte IHDR chunk); CRC is not checked by the reader.
  const phys = new Uint8Array(21);
  const view = new DataView(phys.buffer);
  view.setUint32(0, 9);
  phys.set([0x70, 0x48, 0x59, 0x73], 4);
  view.setUint32(8, ppm);
  view.setUint32(12, ppm);
  phys[16] = 1;
  return new Uint8Array([...bytes.subarray(0, 33), ...phys, ...bytes.subarray(33)]);
}

void test('decodes a grey PNG without resolution at 500 ppi unchanged', () => {
  const img = decodeImage(greyPng(20, 10));
  assert.deepEqual([img.width, img.height, img.ppi], [20, 10, 500]);
  assert.equal(img.pixels[3], 21);
});

void test('rescales a 1000 ppi PNG to 500 ppi', () => {
  const img = decodeImage(greyPng(40, 20, 39370));
  assert.deepEqual([img.width, img.height, img.ppi], [20, 10, 500]);
  assert.equal(decodeImage(greyPng(40, 20, 39370), { keepResolution: true }).width, 40);
});

void test('decodes WSQ through the WSQ codec, resolution from its NISTCOM comment', () => {
  const w = 64, h = 48;
  const pixels = new Uint8Array(w * h).map((_, i) => 128 + Math.round(100 * Math.sin((i % w) / 3) * Math.cos(Math.floor(i / w) / 4)));
  const img = decodeImage(encodeWsq(pixels, w, h, { ppi: 1000 }));
  assert.deepEqual([img.width, img.height, img.ppi], [32, 24, 500], 'a 1000 ppi WSQ is rescaled to 500 ppi');
  const kept = decodeImage(encodeWsq(pixels, w, h, { ppi: 500 }));
  assert.deepEqual([kept.width, kept.height], [w, h]);
});

void test('rejects malformed WSQ and garbage with decode errors', () => {
  assert.throws(() => decodeImage(new Uint8Array([0xff, 0xa0, 0xff, 0xa8, 0, 0])), (e: unknown) => e instanceof ImageDecodeError && e.format === 'wsq');
  assert.throws(() => decodeImage(new Uint8Array([1, 2, 3, 4])), ImageDecodeError);
  assert.throws(() => decodeImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])), (e: unknown) => e instanceof ImageDecodeError && e.format === 'png');
});
