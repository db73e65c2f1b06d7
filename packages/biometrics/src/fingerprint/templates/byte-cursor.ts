import { TemplateFormatError, type TemplateFormat } from './errors';

/** Big-endian reader that reports truncation as a TemplateFormatError with the failing offset. */
export class ByteCursor {
  private readonly view: DataView;
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    private readonly format: TemplateFormat,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number, what: string): void {
    if (this.pos + n > this.bytes.length) throw new TemplateFormatError(this.format, this.pos, `truncated while reading ${what}`);
  }
  u8(what: string): number { this.need(1, what); return this.view.getUint8(this.pos++); }
  u16(what: string): number { this.need(2, what); const v = this.view.getUint16(this.pos); this.pos += 2; return v; }
  u32(what: string): number { this.need(4, what); const v = this.view.getUint32(this.pos); this.pos += 4; return v; }
  ascii(n: number, what: string): string {
    this.need(n, what);
    const s = String.fromCharCode(...this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  skip(n: number, what: string): void { this.need(n, what); this.pos += n; }
  /** Extended data is opaque to the matcher; some producers miscount its length by a few bytes at the very end. */
  skipLenient(n: number, what: string, isLast: boolean): void {
    if (isLast && this.pos + n > this.bytes.length) this.pos = this.bytes.length;
    else this.skip(n, what);
  }
  fail(reason: string): never { throw new TemplateFormatError(this.format, this.pos, reason); }
}

export class ByteWriter {
  private readonly out: number[] = [];
  u8(v: number): this { this.out.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v >> 8).u8(v); }
  u32(v: number): this { return this.u16(Math.floor(v / 65536)).u16(v & 0xffff); }
  ascii(s: string): this { for (const c of s) this.u8(c.charCodeAt(0)); return this; }
  get length(): number { return this.out.length; }
  patchU16(at: number, v: number): void { this.out[at] = (v >> 8) & 0xff; this.out[at + 1] = v & 0xff; }
  patchU32(at: number, v: number): void { this.patchU16(at, Math.floor(v / 65536)); this.patchU16(at + 2, v & 0xffff); }
  bytes(): Uint8Array { return Uint8Array.from(this.out); }
}
