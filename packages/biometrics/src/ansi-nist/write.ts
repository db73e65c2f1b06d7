// Writer for the traditional encoding. Record lengths (T.001 and binary headers) and the Type-1
// CNT field are always recomputed from the records; everything else is written as held, reusing
// each field's original tag text, so an unmodified transaction re-encodes to the same bytes.
import { FS, GS, RS, US, idcOf, type AnRecord, type BinaryRecord, type Field, type TaggedRecord, type Transaction } from './model';

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function joinValue(f: Field): string {
  return f.subfields.map((sf) => sf.join(String.fromCharCode(US))).join(String.fromCharCode(RS));
}

export function cntSubfields(t: Transaction): string[][] {
  return [['1', String(t.records.length - 1)], ...t.records.slice(1).map((r) => [String(r.type), idcOf(r)])];
}

function taggedBytes(r: TaggedRecord, cnt?: string[][]): Uint8Array {
  const parts: Uint8Array[] = [];
  let lengthTag = `${r.type}.001`;
  const rest = r.fields.filter((f) => {
    if (f.number === 1) lengthTag = f.tag;
    return f.number !== 1;
  });
  rest.forEach((f, k) => {
    const last = k === rest.length - 1;
    if (f.number === 999 && f.data) {
      parts.push(enc(`${f.tag}:`), f.data, Uint8Array.of(FS));
    } else {
      const value = cnt && f.number === 3 ? { ...f, subfields: cnt } : f;
      parts.push(enc(`${f.tag}:${joinValue(value)}`), Uint8Array.of(last ? FS : GS));
    }
  });
  const body = parts.reduce((n, p) => n + p.length, 0);
  const sep = rest.length === 0 ? FS : GS;
  // The length counts its own digits: iterate to the fixed point.
  let length = body + lengthTag.length + 2;
  while (lengthTag.length + 2 + String(length).length + body !== length) length = lengthTag.length + 2 + String(length).length + body;
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of [enc(`${lengthTag}:${length}`), Uint8Array.of(sep), ...parts]) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function binaryBytes(r: BinaryRecord): Uint8Array {
  const h = r.header;
  const hs = r.type === 7 ? 5 : r.type === 8 ? 12 : 18;
  const out = new Uint8Array(hs + r.data.length);
  const len = out.length;
  out.set([len >>> 24, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff, h.idc & 0xff]);
  const u16 = (o: number, v = 0): void => out.set([(v >> 8) & 0xff, v & 0xff], o);
  if (r.type === 8) {
    out.set([h.sig ?? 0, h.srt ?? 0, h.isr ?? 0], 5);
    u16(8, h.hll);
    u16(10, h.vll);
  } else if (r.type !== 7) {
    out[5] = h.imp ?? 0;
    const fgp = h.fgp ?? [];
    for (let k = 0; k < 6; k++) out[6 + k] = fgp[k] ?? 255;
    out[12] = h.isr ?? 0;
    u16(13, h.hll);
    u16(15, h.vll);
    out[17] = h.gca ?? 0;
  }
  out.set(r.data, hs);
  return out;
}

export function recordBytes(r: AnRecord, cnt?: string[][]): Uint8Array {
  return r.kind === 'binary' ? binaryBytes(r) : taggedBytes(r, cnt);
}

export function writeTransaction(t: Transaction): Uint8Array {
  const cnt = cntSubfields(t);
  const parts = t.records.map((r, i) => recordBytes(r, i === 0 ? cnt : undefined));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
