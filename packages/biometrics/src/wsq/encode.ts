// WSQ encoder: shift/scale to ±128, forward 9/7 transform over the 64-subband tree, bit allocation
// for the requested rate, quantisation, and Huffman coding of three blocks (table 0 for block 1,
// table 1 for blocks 2 and 3). Output is deterministic for given pixels and options.
import { WsqError } from './errors';
import { BitWriter, buildTable, makeEncoder, type HuffmanTable } from './huffman';
import { COM, DHT, DQT, DTT, EOI, SOB, SOF, SOI } from './markers';
import { formatNistcom } from './nistcom';
import { allocateBins, quantizeValue, subbandVariances } from './quantize';
import { STANDARD_HI_HALF, STANDARD_LO_HALF, scaledToNumber, type ScaledValue } from './standard-filters';
import { BLOCK_STARTS, buildTree } from './tree';
import { decompose, makeFilterBank, mirror } from './wavelet';

export interface WsqEncodeOptions {
  /** Target bits per pixel; 0.75 is the FBI's usual rate (about 15:1). */
  bitrate?: number;
  ppi?: number;
  /** Extra free-text COM segment. */
  comment?: string;
}

class ByteSink {
  readonly out: number[] = [];
  u8(v: number): void {
    this.out.push(v & 0xff);
  }
  u16(v: number): void {
    this.out.push((v >> 8) & 0xff, v & 0xff);
  }
  u32(v: number): void {
    this.u16(Math.floor(v / 65536));
    this.u16(v % 65536);
  }
  segment(marker: number, body: (s: ByteSink) => void): void {
    const s = new ByteSink();
    body(s);
    this.u16(marker);
    this.u16(s.out.length + 2);
    for (const b of s.out) this.out.push(b);
  }
}

/** The decimal-scaled 16-bit form used in DQT/SOF; returns [scale, value]. */
function toScaled16(v: number): [number, number] {
  if (v <= 0) return [0, 0];
  let s = 0;
  while (s < 9 && Math.round(v * 10 ** (s + 1)) <= 65535) s++;
  return [s, Math.min(65535, Math.round(v * 10 ** s))];
}

const fromScaled16 = ([s, v]: [number, number]): number => v / 10 ** s;

function symbolsFor(coeffs: number[]): number[] {
  // Symbols with their escape payloads: [symbol, extraBits, payload] triples.
  const out: number[] = [];
  let run = 0;
  const flush = (): void => {
    while (run > 0) {
      const n = Math.min(run, 65535);
      if (n <= 100) out.push(n, 0, 0);
      else if (n <= 255) out.push(105, 8, n);
      else out.push(106, 16, n);
      run -= n;
    }
  };
  for (const v of coeffs) {
    if (v === 0) {
      run++;
      continue;
    }
    flush();
    const a = Math.min(Math.abs(v), 65535);
    if (v >= -73 && v <= 74) out.push(v + 180, 0, 0);
    else if (a <= 255) out.push(v > 0 ? 101 : 102, 8, a);
    else out.push(v > 0 ? 103 : 104, 16, a);
  }
  flush();
  return out;
}

function tableFor(...streams: number[][]): HuffmanTable {
  const freq = new Map<number, number>();
  for (const st of streams) for (let i = 0; i < st.length; i += 3) freq.set(st[i], (freq.get(st[i]) ?? 0) + 1);
  return buildTable(freq);
}

function entropyCode(st: number[], t: HuffmanTable): number[] {
  const enc = makeEncoder(t);
  const w = new BitWriter();
  for (let i = 0; i < st.length; i += 3) {
    w.write(enc.code.get(st[i])!, enc.size.get(st[i])!);
    if (st[i + 1] > 0) w.write(st[i + 2], st[i + 1]);
  }
  return w.finish();
}

function writeFilterHalf(s: ByteSink, half: ScaledValue[]): void {
  for (const c of half) {
    s.u8(c.negative ? 1 : 0);
    s.u8(c.scale);
    s.u32(c.value);
  }
}

export function encodeWsq(pixels: Uint8Array, width: number, height: number, options: WsqEncodeOptions = {}): Uint8Array {
  const bitrate = options.bitrate ?? 0.75;
  const ppi = options.ppi ?? 500;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new WsqError(`image size ${width}x${height} outside 1..65535`, -1, 'SOF');
  }
  if (pixels.length !== width * height) throw new WsqError(`pixel buffer has ${pixels.length} bytes, expected ${width * height}`, -1);
  if (!(bitrate > 0 && bitrate <= 8)) throw new WsqError(`bitrate ${bitrate} outside (0, 8]`, -1);

  let sum = 0;
  let lo = 255;
  let hi = 0;
  for (const p of pixels) {
    sum += p;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  const mean = sum / pixels.length;
  const mS = toScaled16(mean);
  const m = fromScaled16(mS);
  let rS = toScaled16(Math.max(m - lo, hi - m) / 128);
  if (rS[1] === 0) rS = [0, 1]; // flat image: any non-zero scale works
  const r = fromScaled16(rS);

  const img = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) img[i] = (pixels[i] - m) / r;
  const tree = buildTree(width, height);
  const fb = makeFilterBank(mirror(STANDARD_LO_HALF.map(scaledToNumber)), mirror(STANDARD_HI_HALF.map(scaledToNumber)));
  decompose(img, width, tree, fb);

  const bins = allocateBins(subbandVariances(img, width, tree.subbands), bitrate);
  const qS = Array.from(bins, (q) => toScaled16(q));
  const zS = Array.from(bins, (q) => toScaled16(1.2 * q));
  const C: [number, number] = [2, 44];

  const blocks: number[][] = [[], [], []];
  for (let b = 0; b < 3; b++) {
    for (let sb = BLOCK_STARTS[b]; sb < BLOCK_STARTS[b + 1]; sb++) {
      const q = fromScaled16(qS[sb]);
      if (q === 0) continue;
      const halfZ = fromScaled16(zS[sb]) / 2;
      const reg = tree.subbands[sb];
      for (let y = 0; y < reg.h; y++) {
        const row = (reg.y + y) * width + reg.x;
        for (let x = 0; x < reg.w; x++) blocks[b].push(quantizeValue(img[row + x], q, halfZ));
      }
    }
  }
  const streams = blocks.map(symbolsFor);
  const tables = [tableFor(streams[0]), tableFor(streams[1], streams[2])];

  const s = new ByteSink();
  s.u16(SOI);
  const attrs: [string, string][] = [
    ['PIX_WIDTH', String(width)], ['PIX_HEIGHT', String(height)], ['PIX_DEPTH', '8'], ['PPI', String(ppi)],
    ['LOSSY', '1'], ['COLORSPACE', 'GRAY'], ['COMPRESSION', 'WSQ'], ['WSQ_BITRATE', bitrate.toFixed(6)],
  ];
  const latin1 = (t: string): number[] => Array.from(t, (ch) => ch.charCodeAt(0) & 0xff);
  s.segment(COM, (x) => latin1(formatNistcom(attrs)).forEach((b) => x.u8(b)));
  if (options.comment) s.segment(COM, (x) => latin1(options.comment!).forEach((b) => x.u8(b)));
  s.segment(DTT, (x) => {
    x.u8(STANDARD_LO_HALF.length * 2 - 1);
    x.u8(STANDARD_HI_HALF.length * 2 - 1);
    writeFilterHalf(x, STANDARD_LO_HALF);
    writeFilterHalf(x, STANDARD_HI_HALF);
  });
  s.segment(DQT, (x) => {
    x.u8(C[0]);
    x.u16(C[1]);
    for (let i = 0; i < 64; i++) {
      x.u8(qS[i][0]);
      x.u16(qS[i][1]);
      x.u8(zS[i][0]);
      x.u16(zS[i][1]);
    }
  });
  const dht = (id: number): void =>
    s.segment(DHT, (x) => {
      x.u8(id);
      tables[id].counts.forEach((c) => x.u8(c));
      tables[id].values.forEach((v) => x.u8(v));
    });
  dht(0);
  s.segment(SOF, (x) => {
    x.u8(0);
    x.u8(255);
    x.u16(height);
    x.u16(width);
    x.u8(mS[0]);
    x.u16(mS[1]);
    x.u8(rS[0]);
    x.u16(rS[1]);
    x.u8(2); // encoder number (spec: 2 for this revision)
    x.u16(0); // software implementation number: not registered
  });
  for (let b = 0; b < 3; b++) {
    const id = b === 0 ? 0 : 1;
    if (b === 1) dht(1);
    s.segment(SOB, (x) => x.u8(id));
    for (const byte of entropyCode(streams[b], tables[id])) s.out.push(byte);
  }
  s.u16(EOI);
  return Uint8Array.from(s.out);
}
