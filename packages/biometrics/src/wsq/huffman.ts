// JPEG-style canonical Huffman coding as used by WSQ (DHT segments: 16 code-length counts, then
// symbol values), with 0xFF byte stuffing in entropy-coded data.
import { WsqError } from './errors';

export interface HuffmanTable {
  /** counts[i] = number of codes of length i+1 (16 entries). */
  counts: number[];
  values: number[];
}

export interface HuffmanDecoder {
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: number[];
}

export function makeDecoder(t: HuffmanTable): HuffmanDecoder {
  const maxCode = new Int32Array(17).fill(-1);
  const minCode = new Int32Array(17);
  const valPtr = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = t.counts[len - 1];
    if (n > 0) {
      valPtr[len] = k;
      minCode[len] = code;
      code += n;
      k += n;
      maxCode[len] = code - 1;
    }
    code <<= 1;
  }
  return { maxCode, minCode, valPtr, values: t.values };
}

/** Reads bits MSB-first from an entropy-coded segment; stops (returns -1) at the next marker. */
export class BitReader {
  private cur = 0;
  private left = 0;
  pos: number;
  atMarker = false;
  constructor(private readonly data: Uint8Array, start: number) {
    this.pos = start;
  }

  private nextByte(): number {
    if (this.atMarker || this.pos >= this.data.length) {
      this.atMarker = true;
      return -1;
    }
    const b = this.data[this.pos];
    if (b === 0xff) {
      const nb = this.data[this.pos + 1];
      if (nb === 0x00) {
        this.pos += 2;
        return 0xff;
      }
      this.atMarker = true;
      return -1;
    }
    this.pos++;
    return b;
  }

  bit(): number {
    if (this.left === 0) {
      const b = this.nextByte();
      if (b < 0) return -1;
      this.cur = b;
      this.left = 8;
    }
    this.left--;
    return (this.cur >> this.left) & 1;
  }

  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const b = this.bit();
      if (b < 0) return -1;
      v = (v << 1) | b;
    }
    return v;
  }

  /** Skips to the next marker (the 0xFF that is not followed by 0x00). */
  skipToMarker(): number {
    while (!this.atMarker) {
      this.left = 0;
      this.nextByte();
    }
    return this.pos;
  }
}

export function decodeSymbol(r: BitReader, d: HuffmanDecoder, marker: string): number {
  let code = 0;
  for (let len = 1; len <= 16; len++) {
    const b = r.bit();
    if (b < 0) throw new WsqError('entropy-coded data ended inside a Huffman code', r.pos, marker);
    code = (code << 1) | b;
    if (d.maxCode[len] >= 0 && code <= d.maxCode[len] && code >= d.minCode[len]) {
      return d.values[d.valPtr[len] + code - d.minCode[len]];
    }
  }
  throw new WsqError('invalid Huffman code (no match within 16 bits)', r.pos, marker);
}

export class BitWriter {
  private buf = new Uint8Array(1 << 16);
  private n = 0;
  private cur = 0;
  private used = 0;

  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.cur = (this.cur << 1) | ((value >>> i) & 1);
      if (++this.used === 8) this.flushByte();
    }
  }

  private push(b: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = b;
  }

  private flushByte(): void {
    this.push(this.cur);
    if (this.cur === 0xff) this.push(0x00);
    this.cur = 0;
    this.used = 0;
  }

  /** Pads the last byte with 1 bits (never forms a valid code in a canonical table). */
  finish(): Uint8Array {
    if (this.used > 0) this.write((1 << (8 - this.used)) - 1, 8 - this.used);
    return this.buf.subarray(0, this.n);
  }
}

/**
 * Code lengths limited to 16 bits for the given symbol frequencies, the JPEG way: a reserved
 * pseudo-symbol keeps the all-ones code unused, then over-long codes are shortened.
 */
export function buildTable(freq: Map<number, number>): HuffmanTable {
  const syms = [...freq.entries()].filter(([, f]) => f > 0).sort((a, b) => a[0] - b[0]);
  const RESERVED = -1;
  type Node = { f: number; syms: number[]; order: number };
  const nodes: Node[] = syms.map(([s, f], i) => ({ f, syms: [s], order: i }));
  nodes.push({ f: 0, syms: [RESERVED], order: syms.length });
  const length = new Map<number, number>();
  for (const n of nodes) length.set(n.syms[0], 0);
  if (nodes.length === 1) length.set(nodes[0].syms[0], 1);
  let order = nodes.length;
  while (nodes.length > 1) {
    nodes.sort((a, b) => a.f - b.f || b.order - a.order);
    const [a, b] = nodes.splice(0, 2);
    for (const s of [...a.syms, ...b.syms]) length.set(s, (length.get(s) ?? 0) + 1);
    nodes.push({ f: a.f + b.f, syms: [...a.syms, ...b.syms], order: order++ });
  }
  const bits = new Array<number>(33).fill(0);
  for (const l of length.values()) bits[l]++;
  // Shorten codes longer than 16 bits (JPEG Annex K.3 adjustment).
  for (let i = 32; i > 16; i--) {
    while (bits[i] > 0) {
      let j = i - 2;
      while (bits[j] === 0) j--;
      bits[i] -= 2;
      bits[i - 1]++;
      bits[j + 1] += 2;
      bits[j]--;
    }
  }
  // Drop the reserved pseudo-symbol from the longest length.
  let i = 16;
  while (bits[i] === 0) i--;
  bits[i]--;
  // Assign lengths to real symbols: most frequent first get the shortest codes.
  const byFreq = syms.slice().sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([s]) => s);
  const counts = bits.slice(1, 17);
  return { counts, values: byFreq };
}

export interface HuffmanEncoder {
  /** Code and code length per symbol value 0..255 (length 0 = symbol absent). */
  code: Int32Array;
  size: Int32Array;
}

export function makeEncoder(t: HuffmanTable): HuffmanEncoder {
  const code = new Int32Array(256);
  const size = new Int32Array(256);
  let c = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let n = 0; n < t.counts[len - 1]; n++) {
      code[t.values[k]] = c;
      size[t.values[k]] = len;
      c++;
      k++;
    }
    c <<= 1;
  }
  return { code, size };
}
