// Usage: tsx scripts/wsq-eval.ts [DATA_DIR]  (default <repo>/../shared/data/ansi-nist)
// For every WSQ image in the sample set (img.wsq and WSQ Type-4/14 records): median decode time,
// then encode(decode(x)) at 0.75 bpp and the PSNR of its decode against the first decode.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWsq, encodeWsq } from '../src/wsq/index';
import { parseTransaction, fingerprintImagesFromTransaction } from '../src/ansi-nist/index';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = process.argv[2] ?? join(root, '..', 'shared', 'data', 'ansi-nist');
const RUNS = 5;

const streams: { name: string; bytes: Uint8Array }[] = [];
for (const sub of ['libbiomeval', 'nbis-an2kconvert']) {
  for (const f of readdirSync(join(dir, sub)).sort()) {
    const bytes = readFileSync(join(dir, sub, f));
    if (f.endsWith('.wsq')) streams.push({ name: `${sub}/${f}`, bytes });
    if (!/\.an2k?$/.test(f)) continue;
    for (const img of fingerprintImagesFromTransaction(parseTransaction(bytes))) {
      if (/^WSQ/.test(img.compression)) streams.push({ name: `${sub}/${f}#${img.record}`, bytes: img.data });
    }
  }
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const psnr = (a: Uint8Array, b: Uint8Array): number => {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (se / a.length));
};

const decodeMs: number[] = [];
const psnrs: number[] = [];
console.log('image | size | decode ms (median of 5) | encode ms | bpp @0.75 | PSNR dB');
for (const s of streams) {
  const times: number[] = [];
  let img = decodeWsq(s.bytes);
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    img = decodeWsq(s.bytes);
    times.push(performance.now() - t0);
  }
  const t1 = performance.now();
  const enc = encodeWsq(img.pixels, img.width, img.height, { bitrate: 0.75 });
  const encMs = performance.now() - t1;
  const back = decodeWsq(enc);
  const p = psnr(img.pixels, back.pixels);
  decodeMs.push(median(times));
  psnrs.push(p);
  console.log(`${s.name} | ${img.width}x${img.height} | ${median(times).toFixed(0)} | ${encMs.toFixed(0)} | ${((enc.length * 8) / img.pixels.length).toFixed(3)} | ${p.toFixed(2)}`);
}
console.log(`${streams.length} WSQ images; median decode ${median(decodeMs).toFixed(0)} ms; PSNR min ${Math.min(...psnrs).toFixed(2)} median ${median(psnrs).toFixed(2)} dB`);
