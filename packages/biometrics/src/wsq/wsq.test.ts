import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { decodeWsq, encodeWsq, WsqError } from '../index';

function ridges(w: number, h: number): Uint8Array {
  // Fingerprint-like concentric ridges with a soft background.
  const px = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const r = Math.hypot(x - w / 2, (y - h / 2) * 0.8);
      px[y * w + x] = Math.round(128 + 90 * Math.sin(r / 1.6) * Math.exp(-r / (w * 0.9)));
    }
  }
  return px;
}

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (se / a.length));
}

void test('encode then decode keeps size, resolution and quality', () => {
  const w = 301;
  const h = 257;
  const src = ridges(w, h);
  const bytes = encodeWsq(src, w, h, { bitrate: 0.75, ppi: 500, comment: 'synthetic' });
  const img = decodeWsq(bytes);
  assert.equal(img.width, w);
  assert.equal(img.height, h);
  assert.equal(img.ppi, 500);
  assert.ok(img.comments.includes('synthetic'));
  assert.ok(psnr(src, img.pixels) > 30, `psnr ${psnr(src, img.pixels)}`);
  assert.ok(bytes.length < w * h, 'compressed');
});

void test('higher bit rate gives higher fidelity; output is deterministic', () => {
  const src = ridges(128, 160);
  const low = encodeWsq(src, 128, 160, { bitrate: 0.5 });
  const high = encodeWsq(src, 128, 160, { bitrate: 2.25 });
  assert.ok(psnr(src, decodeWsq(high).pixels) > psnr(src, decodeWsq(low).pixels));
  assert.deepEqual(encodeWsq(src, 128, 160, { bitrate: 0.5 }), low);
});

void test('small and odd-sized images round-trip', () => {
  for (const [w, h] of [[33, 47], [64, 64], [7, 5]]) {
    const src = ridges(w, h);
    const img = decodeWsq(encodeWsq(src, w, h, { bitrate: 2 }));
    assert.equal(img.pixels.length, w * h);
    assert.ok(psnr(src, img.pixels) > 20, `${w}x${h}`);
  }
});

void test('flat image survives (zero variance everywhere)', () => {
  const src = new Uint8Array(80 * 80).fill(200);
  const img = decodeWsq(encodeWsq(src, 80, 80));
  assert.ok(img.pixels.every((p) => Math.abs(p - 200) <= 1));
});

void test('malformed streams raise WsqError naming where', () => {
  const good = encodeWsq(ridges(96, 96), 96, 96);
  assert.throws(() => decodeWsq(new Uint8Array([1, 2, 3, 4])), (e: unknown) => e instanceof WsqError && /SOI/.test(e.message));
  assert.throws(() => decodeWsq(good.subarray(0, good.length / 2)), WsqError);
  assert.throws(() => decodeWsq(good.subarray(0, 40)), (e: unknown) => e instanceof WsqError && e.offset >= 0);
  const badLen = good.slice();
  badLen[4] = 0xff; // first segment's length now runs past the end
  assert.throws(() => decodeWsq(badLen), (e: unknown) => e instanceof WsqError && e.marker === 'COM');
});

void test('random corruption never escapes as a non-WsqError', () => {
  const good = encodeWsq(ridges(96, 80), 96, 80);
  let seed = 12345;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 200; i++) {
    const bad = good.slice();
    for (let k = 0; k < 3; k++) bad[Math.floor(rnd() * bad.length)] = Math.floor(rnd() * 256);
    try {
      decodeWsq(bad);
    } catch (e) {
      assert.ok(e instanceof WsqError, String(e));
    }
  }
});

void test('rejects bad encoder arguments', () => {
  assert.throws(() => encodeWsq(new Uint8Array(10), 4, 4), WsqError);
  assert.throws(() => encodeWsq(new Uint8Array(16), 4, 4, { bitrate: 0 }), WsqError);
});

const sample = new URL('../../../../../shared/data/ansi-nist/libbiomeval/img.wsq', import.meta.url);
void test('decodes the public libbiomeval sample', { skip: !existsSync(sample) }, () => {
  const img = decodeWsq(readFileSync(sample));
  assert.equal(img.width, 256);
  assert.equal(img.height, 256);
  assert.equal(img.ppi, 500);
  const again = decodeWsq(encodeWsq(img.pixels, 256, 256, { bitrate: 0.75 }));
  assert.ok(psnr(img.pixels, again.pixels) > 30);
});
