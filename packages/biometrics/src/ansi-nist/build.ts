// Export: assemble a 2011-edition (version 0500) transaction from a person's data — Type-1,
// Type-2 descriptive fields, one Type-14 per fingerprint (WSQ-encoded with our encoder) and one
// Type-10 per face image (bytes as given, e.g. JPEG).
import { encodeWsq } from '../wsq/index';
import { writeTransaction } from './write';
import { AnsiNistError, byteString, fieldTag, type AnIssue, type Field, type TaggedRecord, type Transaction } from './model';

export interface Type1Input {
  /** 1.004 TOT, e.g. "CAR" (criminal ten-print submission). */
  tot: string;
  /** 1.007 DAI and 1.008 ORI: destination and originating agency identifiers. */
  dai: string;
  ori: string;
  /** 1.009 TCN transaction control number. */
  tcn: string;
  /** 1.005 DAT as YYYYMMDD (default: today, UTC). */
  date?: string;
  /** 1.006 PRY priority 1..9. */
  priority?: number;
  /** 1.010 TCR, the TCN this transaction responds to. */
  tcr?: string;
  /** 1.013 DOM domain name and version, e.g. ["NORAM", "11.1"]. */
  domain?: [string, string?];
}

export interface FingerprintInput {
  /** Friction-ridge position (1..10 individual fingers, 11..15 thumbs/slaps). */
  position: number;
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Default 500. */
  ppi?: number;
  /** Impression type, default 0 (live-scan plain). */
  impression?: number;
  /** WSQ rate, default 0.75 bpp. */
  bitrate?: number;
}

export interface FaceInput {
  /** Encoded image bytes. */
  data: Uint8Array;
  /** 10.011 CGA: "JPEGB", "JPEGL", "JP2", "JP2L", "PNG" or "NONE". */
  compression: string;
  width: number;
  height: number;
  /** 10.012 CSP, default "YCC" for JPEG, "SRGB" otherwise. */
  colorSpace?: string;
  /** 10.020 POS subject pose: F(rontal), R, L, A(ngled), D. */
  pose?: string;
  /** 10.005 PHD capture date YYYYMMDD (default: Type-1 date). */
  date?: string;
}

export interface BuildTransactionInput {
  type1: Type1Input;
  /** Type-2 user-defined descriptive fields by number (e.g. {18: "DOE, JOHN"}); text is UTF-8. */
  type2?: Record<number, string | string[][]>;
  fingerprints?: FingerprintInput[];
  faces?: FaceInput[];
}

const ISO_DATE = /^\d{8}$/;

function text(type: number, n: number, value: string | string[][]): Field {
  const subfields = typeof value === 'string' ? [[byteString(value)]] : value.map((sf) => sf.map(byteString));
  return { number: n, tag: fieldTag(type, n), subfields };
}

function record(type: number, fields: Field[]): TaggedRecord {
  // 001 first (the writer fills in the length), then ascending field numbers with 999 last.
  const sorted = fields.slice().sort((a, b) => a.number - b.number);
  return { kind: 'tagged', type, fields: [text(type, 1, '0'), ...sorted] };
}

const idc = (n: number): string => String(n).padStart(2, '0');

export function buildTransaction(input: BuildTransactionInput, now: Date = new Date()): Transaction {
  const issues: AnIssue[] = [];
  const t = input.type1;
  const date = t.date ?? now.toISOString().slice(0, 10).replaceAll('-', '');
  for (const [n, v] of [[4, t.tot], [7, t.dai], [8, t.ori], [9, t.tcn], [5, date]] as [number, string][]) {
    if (!v || !/^[\x20-\x7e]+$/.test(v)) issues.push({ record: 0, field: fieldTag(1, n), severity: 'error', message: 'must be non-empty 7-bit ASCII' });
  }
  if (!ISO_DATE.test(date)) issues.push({ record: 0, field: '1.005', severity: 'error', message: 'date must be YYYYMMDD' });
  const prints = input.fingerprints ?? [];
  const faces = input.faces ?? [];
  prints.forEach((f, k) => {
    if (!Number.isInteger(f.position) || f.position < 0 || f.position > 15) {
      issues.push({ record: 2 + k, field: '14.013', severity: 'error', message: `finger position ${f.position} outside 0..15` });
    }
    if (f.pixels.length !== f.width * f.height) issues.push({ record: 2 + k, field: '14.999', severity: 'error', message: `pixel buffer has ${f.pixels.length} bytes, expected ${f.width}x${f.height}` });
  });
  faces.forEach((f, k) => {
    if (f.data.length === 0) issues.push({ record: 2 + prints.length + k, field: '10.999', severity: 'error', message: 'empty face image' });
  });
  if (issues.length) throw new AnsiNistError(issues);

  const type2Values = Object.values(input.type2 ?? {}).flat(2);
  const needsUtf8 = type2Values.some((v) => /[^\x00-\x7f]/.test(v));
  const t1Fields: Field[] = [
    text(1, 2, '0500'),
    text(1, 3, [['1', '0']]), // recomputed by the writer
    text(1, 4, t.tot),
    text(1, 5, date),
    text(1, 7, t.dai),
    text(1, 8, t.ori),
    text(1, 9, t.tcn),
    text(1, 11, '00.00'), // no Type-4 records: native scanning resolution not applicable
    text(1, 12, '00.00'),
  ];
  if (t.priority !== undefined) t1Fields.push(text(1, 6, String(t.priority)));
  if (t.tcr) t1Fields.push(text(1, 10, t.tcr));
  if (t.domain) t1Fields.push(text(1, 13, [t.domain.filter((x): x is string => x !== undefined)]));
  if (needsUtf8) t1Fields.push(text(1, 15, [['3', 'UTF-8']]));
  const records: TaggedRecord[] = [record(1, t1Fields)];

  const t2: Field[] = [text(2, 2, '00')];
  for (const [n, v] of Object.entries(input.type2 ?? {})) if (Number(n) > 2) t2.push(text(2, Number(n), v));
  records.push(record(2, t2));

  let next = 1;
  for (const f of prints) {
    const ppi = f.ppi ?? 500;
    const wsq = encodeWsq(f.pixels, f.width, f.height, { bitrate: f.bitrate ?? 0.75, ppi });
    records.push(record(14, [
      text(14, 2, idc(next++)), text(14, 3, String(f.impression ?? 0)), text(14, 4, t.ori), text(14, 5, date),
      text(14, 6, String(f.width)), text(14, 7, String(f.height)), text(14, 8, '1'),
      text(14, 9, String(ppi)), text(14, 10, String(ppi)), text(14, 11, 'WSQ20'), text(14, 12, '8'),
      text(14, 13, String(f.position)),
      { number: 999, tag: '14.999', subfields: [], data: wsq },
    ]));
  }
  for (const f of faces) {
    const jpeg = /^JPEG/i.test(f.compression);
    const fields = [
      text(10, 2, idc(next++)), text(10, 3, 'FACE'), text(10, 4, t.ori), text(10, 5, f.date ?? date),
      text(10, 6, String(f.width)), text(10, 7, String(f.height)), text(10, 8, '0'), text(10, 9, '1'), text(10, 10, '1'),
      text(10, 11, f.compression.toUpperCase()), text(10, 12, f.colorSpace ?? (jpeg ? 'YCC' : 'SRGB')),
      { number: 999, tag: '10.999', subfields: [], data: f.data },
    ];
    if (f.pose) fields.push(text(10, 20, f.pose));
    records.push(record(10, fields));
  }
  return { records };
}

/** buildTransaction, then the traditional encoding as bytes. */
export function exportTransaction(input: BuildTransactionInput, now?: Date): Uint8Array {
  return writeTransaction(buildTransaction(input, now));
}
