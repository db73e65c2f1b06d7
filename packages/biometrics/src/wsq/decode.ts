// WSQ decoder (FBI IAFIS-IC-0110 v3): parse marker segments, Huffman-decode the three blocks of
// quantised subband coefficients, dequantise, run the inverse wavelet transform, undo shift/scale.
import { WsqError } from './errors';
import { BitReader, decodeSymbol, makeDecoder, type HuffmanDecoder } from './huffman';
import { COM, DHT, DQT, DRT, DTT, EOI, SOB, SOF, SOI, markerName } from './markers';
import { parseNistcom } from './nistcom';
import { BLOCK_STARTS, CODED_SUBBANDS, buildTree } from './tree';
import { makeFilterBank, mirror, reconstruct } from './wavelet';

export interface WsqImage {
  width: number;
  height: number;
  /** Resolution from the NISTCOM "PPI" attribute; -1 when the stream does not say. */
  ppi: number;
  /** 8-bit grey, row-major, width*height bytes. */
  pixels: Uint8Array;
  /** Text of every COM segment, in order. */
  comments: string[];
}

interface Frame {
  width: number;
  height: number;
  mShift: number;
  rScale: number;
}

interface Quant {
  binCenter: number;
  q: Float64Array;
  z: Float64Array;
}

const MAX_PIXELS = 1 << 26; // 67 Mpixel: far above any fingerprint or palm scan

class Cursor {
  constructor(readonly d: Uint8Array, public pos: number, readonly end: number, readonly seg: string) {}
  need(n: number): void {
    if (this.pos + n > this.end) throw new WsqError(`segment ends early (needs ${n} more bytes)`, this.pos, this.seg);
  }
  u8(): number {
    this.need(1);
    return this.d[this.pos++];
  }
  u16(): number {
    this.need(2);
    const v = (this.d[this.pos] << 8) | this.d[this.pos + 1];
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = ((this.d[this.pos] << 24) >>> 0) + (this.d[this.pos + 1] << 16) + (this.d[this.pos + 2] << 8) + this.d[this.pos + 3];
    this.pos += 4;
    return v;
  }
  /** A decimal-scaled value: one scale byte then a 16-bit value. */
  scaled16(): number {
    const s = this.u8();
    const v = this.u16();
    return v / 10 ** s;
  }
}

function readFilterHalf(c: Cursor, size: number): number[] {
  const half: number[] = [];
  for (let i = 0; i < (size + 1) / 2; i++) {
    const sign = c.u8();
    const scale = c.u8();
    const v = c.u32() / 10 ** scale;
    half.push(sign ? -v : v);
  }
  return half;
}

export function decodeWsq(bytes: Uint8Array): WsqImage {
  if (bytes.length < 4 || ((bytes[0] << 8) | bytes[1]) !== SOI) {
    throw new WsqError('missing SOI marker 0xFFA0 (not a WSQ stream)', 0, 'SOI');
  }
  let pos = 2;
  let frame: Frame | undefined;
  let quant: Quant | undefined;
  let lo: Float64Array | undefined;
  let hi: Float64Array | undefined;
  const tables = new Map<number, HuffmanDecoder>();
  const comments: string[] = [];
  let coeffs: Int32Array | undefined;
  let blockSizes: number[] = [];
  let block = 0;
  let written = 0;
  let ended = false;

  while (!ended) {
    if (pos + 2 > bytes.length) throw new WsqError('stream ends before EOI marker', pos);
    const marker = (bytes[pos] << 8) | bytes[pos + 1];
    const name = markerName(marker);
    if (marker < SOI || marker > COM) throw new WsqError(`expected a WSQ marker, found 0x${marker.toString(16)}`, pos);
    if (marker === EOI) {
      ended = true;
      break;
    }
    if (marker === SOI) throw new WsqError('repeated SOI marker', pos, name);
    if (pos + 4 > bytes.length) throw new WsqError('segment length missing', pos + 2, name);
    const len = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (len < 2 || pos + 2 + len > bytes.length) throw new WsqError(`segment length ${len} runs past end of data`, pos + 2, name);
    const c = new Cursor(bytes, pos + 4, pos + 2 + len, name);
    switch (marker) {
      case DTT: {
        const losz = c.u8();
        const hisz = c.u8();
        if (losz % 2 === 0 || hisz % 2 === 0) throw new WsqError(`even-length filters (${losz}/${hisz}) are not supported`, pos, name);
        lo = mirror(readFilterHalf(c, losz));
        hi = mirror(readFilterHalf(c, hisz));
        break;
      }
      case DQT: {
        const binCenter = c.scaled16();
        const q = new Float64Array(64);
        const z = new Float64Array(64);
        for (let i = 0; i < 64; i++) {
          q[i] = c.scaled16();
          z[i] = c.scaled16();
        }
        quant = { binCenter, q, z };
        break;
      }
      case DHT: {
        while (c.pos < c.end) {
          const id = c.u8();
          if (id > 7) throw new WsqError(`Huffman table id ${id} out of range 0..7`, c.pos - 1, name);
          const counts: number[] = [];
          for (let i = 0; i < 16; i++) counts.push(c.u8());
          const total = counts.reduce((a, b) => a + b, 0);
          if (total > 256) throw new WsqError(`Huffman table ${id} has ${total} codes (max 256)`, c.pos, name);
          const values: number[] = [];
          for (let i = 0; i < total; i++) values.push(c.u8());
          tables.set(id, makeDecoder({ counts, values }));
        }
        break;
      }
      case SOF: {
        c.u8(); // black
        c.u8(); // white
        const height = c.u16();
        const width = c.u16();
        const mShift = c.scaled16();
        const rScale = c.scaled16();
        if (width === 0 || height === 0 || width * height > MAX_PIXELS) throw new WsqError(`unusable image size ${width}x${height}`, pos, name);
        frame = { width, height, mShift, rScale };
        break;
      }
      case COM:
        comments.push(new TextDecoder('latin1').decode(bytes.subarray(pos + 4, pos + 2 + len)));
        break;
      case DRT:
        break;
      case SOB: {
        if (!frame || !quant || !lo || !hi) throw new WsqError('block before SOF, DQT and DTT segments', pos, name);
        const id = c.u8();
        const table = tables.get(id);
        if (!table) throw new WsqError(`block refers to undefined Huffman table ${id}`, pos, name);
        if (!coeffs) {
          const tree = buildTree(frame.width, frame.height);
          blockSizes = [0, 1, 2].map((b) => {
            let n = 0;
            for (let s = BLOCK_STARTS[b]; s < BLOCK_STARTS[b + 1]; s++) if (quant!.q[s] !== 0) n += tree.subbands[s].w * tree.subbands[s].h;
            return n;
          });
          coeffs = new Int32Array(blockSizes[0] + blockSizes[1] + blockSizes[2]);
        }
        if (block >= 3) throw new WsqError('more than three blocks', pos, name);
        const r = new BitReader(bytes, pos + 2 + len);
        written = decodeBlock(r, table, coeffs, written, written + blockSizes[block], `SOB ${block + 1}`);
        block++;
        pos = r.skipToMarker();
        continue;
      }
      default:
        throw new WsqError('unexpected marker', pos, name);
    }
    pos += 2 + len;
  }
  if (!frame || !quant || !lo || !hi || !coeffs) throw new WsqError('EOI before any image data', pos, 'EOI');
  if (block < 3 && written < coeffs.length) throw new WsqError(`only ${block} of 3 blocks present`, pos, 'EOI');
  const pixels = toImage(frame, quant, coeffs, makeFilterBank(lo, hi));
  return { width: frame.width, height: frame.height, ppi: ppiFrom(comments), pixels, comments };
}

function decodeBlock(r: BitReader, t: HuffmanDecoder, out: Int32Array, start: number, end: number, seg: string): number {
  let i = start;
  while (i < end) {
    const at = r.pos;
    const s = decodeSymbol(r, t, seg);
    let run = -1;
    let value = 0;
    if (s >= 1 && s <= 100) run = s;
    else if (s >= 107 && s <= 254) value = s - 180;
    else if (s === 105) run = escape(r, 8, seg);
    else if (s === 106) run = escape(r, 16, seg);
    else if (s === 101 || s === 102) value = (s === 101 ? 1 : -1) * escape(r, 8, seg);
    else if (s === 103 || s === 104) value = (s === 103 ? 1 : -1) * escape(r, 16, seg);
    else throw new WsqError(`invalid coefficient symbol ${s}`, at, seg);
    if (run >= 0) {
      if (i + run > end) throw new WsqError(`zero run of ${run} overflows block (${end - i} coefficients left)`, at, seg);
      i += run; // output is zero-initialised
    } else {
      out[i++] = value;
    }
  }
  return i;
}

function escape(r: BitReader, n: number, seg: string): number {
  const v = r.bits(n);
  if (v < 0) throw new WsqError('data ended inside an escape code', r.pos, seg);
  return v;
}

function toImage(f: Frame, qt: Quant, coeffs: Int32Array, fb: ReturnType<typeof makeFilterBank>): Uint8Array {
  const { width, height } = f;
  const tree = buildTree(width, height);
  const img = new Float32Array(width * height);
  const C = qt.binCenter;
  let k = 0;
  for (let s = 0; s < CODED_SUBBANDS; s++) {
    const q = qt.q[s];
    if (q === 0) continue;
    const hz = qt.z[s] / 2;
    const r = tree.subbands[s];
    for (let y = 0; y < r.h; y++) {
      let p = (r.y + y) * width + r.x;
      for (let x = 0; x < r.w; x++, p++) {
        const v = coeffs[k++];
        img[p] = v === 0 ? 0 : v > 0 ? q * (v - C) + hz : q * (v + C) - hz;
      }
    }
  }
  reconstruct(img, width, tree, fb);
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const v = img[i] * f.rScale + f.mShift + 0.5;
    out[i] = v < 0 ? 0 : v > 255 ? 255 : Math.floor(v);
  }
  return out;
}

function ppiFrom(comments: string[]): number {
  for (const c of comments) {
    const ppi = Number(parseNistcom(c)?.get('PPI'));
    if (Number.isInteger(ppi) && ppi > 0) return ppi;
  }
  return -1;
}
