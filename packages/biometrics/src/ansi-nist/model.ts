// In-memory form of an ANSI/NIST-ITL transaction in traditional (binary/ASCII) encoding.
// Text is kept byte-for-byte as Latin-1 strings (one char per byte) so re-encoding is exact;
// use `textOf` to read UTF-8 content declared by the Type-1 DCS field.

export const FS = 0x1c; // record separator
export const GS = 0x1d; // field separator
export const RS = 0x1e; // subfield separator
export const US = 0x1f; // item separator

export interface Field {
  /** Field number, e.g. 13 for 14.013. */
  number: number;
  /** Tag exactly as found ("14.013", or "1.03" in old files); the writer reuses it. */
  tag: string;
  /** Subfields, each a list of information items (Latin-1 strings). */
  subfields: string[][];
  /** Raw bytes of a binary data field (field 999 of image records). */
  data?: Uint8Array;
}

export interface TaggedRecord {
  kind: 'tagged';
  type: number;
  fields: Field[];
}

/** Fixed header of binary Types 3-6 (18 bytes), 7 (5 bytes) and 8 (12 bytes). */
export interface BinaryHeader {
  idc: number;
  /** Types 3-6: impression type. */
  imp?: number;
  /** Types 3-6: six finger-position bytes (255 = unused). */
  fgp?: number[];
  /** Types 3-6 and 8: image scanning resolution flag (0 = NSR of Type-1, 1 = NTR). */
  isr?: number;
  hll?: number;
  vll?: number;
  /** Types 3-6: compression algorithm code (0 none, 1 WSQ, ...). */
  gca?: number;
  /** Type-8: signature type and representation type. */
  sig?: number;
  srt?: number;
}

export interface BinaryRecord {
  kind: 'binary';
  type: number;
  header: BinaryHeader;
  data: Uint8Array;
}

export type AnRecord = TaggedRecord | BinaryRecord;

export interface Transaction {
  /** Record 0 is always the Type-1 transaction information record. */
  records: AnRecord[];
}

export interface AnIssue {
  /** Index of the record in the transaction (0 = Type-1), or -1 for the file as a whole. */
  record: number;
  /** Field as "T.FFF" when the issue is about one field. */
  field?: string;
  /** Byte offset in the input, when known. */
  offset?: number;
  severity: 'error' | 'warning';
  message: string;
}

export const BINARY_TYPES = new Set([3, 4, 5, 6, 7, 8]);

export function fieldTag(type: number, n: number): string {
  return `${type}.${String(n).padStart(3, '0')}`;
}

export function formatIssue(i: AnIssue): string {
  const where = [i.record >= 0 ? `record ${i.record}` : 'file', i.field ? `field ${i.field}` : undefined,
    i.offset !== undefined ? `byte ${i.offset}` : undefined].filter(Boolean).join(', ');
  return `${where}: ${i.message}`;
}

/** Thrown by the parser: the transaction is rejected as a whole, with every problem found. */
export class AnsiNistError extends Error {
  override readonly name = 'AnsiNistError';
  constructor(readonly issues: AnIssue[]) {
    super(issues.map(formatIssue).join('; '));
  }
}

export function getField(r: AnRecord, n: number): Field | undefined {
  return r.kind === 'tagged' ? r.fields.find((f) => f.number === n) : undefined;
}

/** First item of the first subfield, or undefined. */
export function fieldValue(r: AnRecord, n: number): string | undefined {
  return getField(r, n)?.subfields[0]?.[0];
}

/** Decodes a Latin-1 byte string as UTF-8 text (falls back to the bytes as Latin-1). */
export function textOf(s: string): string {
  const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}

/** Encodes text as UTF-8 into the Latin-1 byte-string form used by the model. */
export function byteString(text: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
  return out;
}

export function idcOf(r: AnRecord): string {
  return r.kind === 'binary' ? String(r.header.idc).padStart(2, '0') : (fieldValue(r, 2) ?? '');
}
