// Reader for the traditional encoding. The Type-1 CNT field drives parsing (binary records do not
// name their own type), so a transaction is read as a whole or rejected as a whole: on any
// structural problem `parseTransaction` throws AnsiNistError listing what it found, never a
// partial result. Repeated or mis-tagged fields are kept as found (validateTransaction reports them).
import {
  AnsiNistError, BINARY_TYPES, FS, GS, RS, US,
  type AnIssue, type AnRecord, type BinaryRecord, type Field, type TaggedRecord, type Transaction,
} from './model';

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

export function splitValue(v: string): string[][] {
  return v.split(String.fromCharCode(RS)).map((sf) => sf.split(String.fromCharCode(US)));
}

class Fail extends Error {
  constructor(readonly issue: AnIssue) {
    super(issue.message);
  }
}

const fail = (record: number, message: string, offset?: number, field?: string): never => {
  throw new Fail({ record, field, offset, severity: 'error', message });
};

/**
 * A few real files carry text fields tagged T.999 before the binary one. Treat a 999 field as
 * text only when it is printable ASCII followed by GS and another tag of this record type.
 */
function textualField(b: Uint8Array, at: number, end: number, type: number): boolean {
  let j = at;
  while (j < end && b[j] >= 0x20 && b[j] <= 0x7e) j++;
  if (b[j] !== GS) return false;
  const next = latin1(b.subarray(j + 1, Math.min(end, j + 12)));
  return new RegExp(`^${type}\\.\\d{1,9}:`).test(next);
}

/** Reads "T.NNN:" at `at`; returns type, field number, tag text and the offset after ':'. */
function readTag(b: Uint8Array, at: number, end: number, record: number) {
  let i = at;
  while (i < end && i - at < 16 && b[i] !== 0x3a) i++;
  const tag = latin1(b.subarray(at, i));
  const m = /^(\d{1,3})\.(\d{1,9})$/.exec(tag);
  // Content is not echoed: it may be personal data and error messages end up in logs.
  if (i >= end || !m) fail(record, 'expected a field tag of the form "T.FFF:"', at);
  return { type: Number(m![1]), number: Number(m![2]), tag, next: i + 1 };
}

function tagged(b: Uint8Array, pos: number, type: number, record: number): { rec: TaggedRecord; length: number } {
  const first = readTag(b, pos, b.length, record);
  let i = first.next;
  while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39 && i - first.next < 12) i++;
  const lenText = latin1(b.subarray(first.next, i));
  if (first.number !== 1 || lenText === '' || (b[i] !== GS && b[i] !== FS)) {
    fail(record, 'record does not start with a length field (T.001)', pos, `${type}.001`);
  }
  const length = Number(lenText);
  if (first.type !== type) fail(record, `CNT lists Type-${type} but the record is tagged Type-${first.type}`, pos, first.tag);
  if (pos + length > b.length) fail(record, `record length ${length} runs past end of file (${b.length - pos} bytes left)`, pos, first.tag);
  if (length < i - pos + 1) fail(record, `record length ${length} is shorter than its own length field`, pos, first.tag);
  const end = pos + length;
  if (b[end - 1] !== FS) fail(record, `record of length ${length} does not end with a FS separator`, end - 1, first.tag);

  const fields: Field[] = [];
  let at = pos;
  while (at < end) {
    const t = readTag(b, at, end, record);
    // A field tagged for another record type is kept as found (real files have them);
    // validateTransaction reports it.
    if (t.number === 999 && !textualField(b, t.next, end, type)) {
      fields.push({ number: 999, tag: t.tag, subfields: [], data: b.slice(t.next, end - 1) });
      at = end;
      break;
    }
    let j = t.next;
    while (j < end && b[j] !== GS && b[j] !== FS) j++;
    if (b[j] === FS && j !== end - 1) fail(record, 'FS separator before the end given by the length field', j, t.tag);
    fields.push({ number: t.number, tag: t.tag, subfields: splitValue(latin1(b.subarray(t.next, j))) });
    at = j + 1;
  }
  return { rec: { kind: 'tagged', type, fields }, length };
}

const HEADER_SIZE: Record<number, number> = { 3: 18, 4: 18, 5: 18, 6: 18, 7: 5, 8: 12 };

function binary(b: Uint8Array, pos: number, type: number, record: number): { rec: BinaryRecord; length: number } {
  const hs = HEADER_SIZE[type];
  if (pos + 4 > b.length) fail(record, 'file ends inside the record length', pos, `${type}.001`);
  const length = ((b[pos] << 24) >>> 0) + (b[pos + 1] << 16) + (b[pos + 2] << 8) + b[pos + 3];
  if (length < hs) fail(record, `record length ${length} is shorter than the ${hs}-byte header`, pos, `${type}.001`);
  if (pos + length > b.length) fail(record, `record length ${length} runs past end of file (${b.length - pos} bytes left)`, pos, `${type}.001`);
  const h = b.subarray(pos, pos + hs);
  const u16 = (o: number): number => (h[o] << 8) | h[o + 1];
  const rec: BinaryRecord = { kind: 'binary', type, header: { idc: h[4] }, data: b.slice(pos + hs, pos + length) };
  if (type === 8) Object.assign(rec.header, { sig: h[5], srt: h[6], isr: h[7], hll: u16(8), vll: u16(10) });
  else if (type !== 7) {
    Object.assign(rec.header, { imp: h[5], fgp: Array.from(h.subarray(6, 12)), isr: h[12], hll: u16(13), vll: u16(15), gca: h[17] });
  }
  return { rec, length };
}

/** Parses a whole transaction; throws AnsiNistError (with all issues found) if it is malformed. */
export function parseTransaction(bytes: Uint8Array): Transaction {
  const issues: AnIssue[] = [];
  try {
    if (bytes.length === 0) fail(-1, 'empty file');
    const t1 = tagged(bytes, 0, 1, 0);
    const cnt = t1.rec.fields.find((f) => f.number === 3);
    if (!cnt) fail(0, 'Type-1 record has no CNT field listing the records', undefined, '1.003');
    const entries = cnt!.subfields;
    const head = entries[0];
    const listed = entries.slice(1).map((e, k) => {
      const type = Number(e[0]);
      if (!/^\d+$/.test(e[0] ?? '') || type < 2 || type > 99 || type === 1) fail(0, `CNT entry ${k + 2} has invalid record type ${JSON.stringify(e[0])}`, undefined, '1.003');
      return type;
    });
    if (head?.[0] !== '1' || Number(head[1]) !== listed.length) {
      issues.push({ record: 0, field: '1.003', severity: 'error', message: `CNT says ${head?.[1]} further records but lists ${listed.length}` });
    }
    const records: AnRecord[] = [t1.rec];
    let pos = t1.length;
    listed.forEach((type, k) => {
      const index = k + 1;
      if (pos >= bytes.length) fail(index, `file ends before record ${index} (Type-${type}) listed in CNT`, pos);
      const r = BINARY_TYPES.has(type) ? binary(bytes, pos, type, index) : tagged(bytes, pos, type, index);
      records.push(r.rec);
      pos += r.length;
    });
    if (pos < bytes.length) fail(-1, `${bytes.length - pos} bytes after the last record listed in CNT`, pos);
    if (issues.length > 0) throw new AnsiNistError(issues);
    return { records };
  } catch (e) {
    if (e instanceof Fail) throw new AnsiNistError([...issues, e.issue]);
    throw e;
  }
}
