// Conformance checks over a parsed transaction: mandatory fields per record type, CNT
// consistency, field tags, basic image-header sanity. Returns issues; never throws.
import { cntSubfields } from './write';
import { fieldTag, fieldValue, type AnIssue, type AnRecord, type Transaction } from './model';

/** Mandatory fields (ANSI/NIST-ITL 1-2011, also required by the 2000-2008 editions). */
const MANDATORY: Record<number, number[]> = {
  1: [1, 2, 3, 4, 5, 7, 8, 9, 11, 12],
  2: [1, 2],
  9: [1, 2, 3, 4],
  10: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 999],
  13: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 999],
  14: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 999],
  15: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 999],
  16: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 999],
  17: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 999],
};

const KNOWN_VERSIONS = new Set(['0200', '0201', '0300', '0400', '0500', '0501', '0502', '0600']);
/** Image records whose 006/007 are the pixel width/height. */
const IMAGE_TYPES = new Set([10, 13, 14, 15, 16, 17]);

function checkTagged(r: AnRecord & { kind: 'tagged' }, index: number, out: AnIssue[]): void {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const f of r.fields) {
    const tagType = Number(f.tag.split('.')[0]);
    if (tagType !== r.type) out.push({ record: index, field: f.tag, severity: 'error', message: `field tagged for Type-${tagType} inside a Type-${r.type} record` });
    if (seen.has(f.number) && !repeated.has(f.number)) {
      repeated.add(f.number);
      const n = r.fields.filter((g) => g.number === f.number).length;
      out.push({ record: index, field: fieldTag(r.type, f.number), severity: 'error', message: `field appears ${n} times` });
    }
    seen.add(f.number);
  }
  for (const n of MANDATORY[r.type] ?? [1, 2]) {
    if (!seen.has(n)) out.push({ record: index, field: fieldTag(r.type, n), severity: 'error', message: 'mandatory field missing' });
  }
  if (IMAGE_TYPES.has(r.type)) {
    for (const n of [6, 7]) {
      const v = fieldValue(r, n);
      if (v !== undefined && !(/^\d+$/.test(v) && Number(v) > 0)) {
        out.push({ record: index, field: fieldTag(r.type, n), severity: 'error', message: `image ${n === 6 ? 'width' : 'height'} ${JSON.stringify(v)} is not a positive integer` });
      }
    }
  }
  if (r.type === 13 || r.type === 14) {
    const fgp = r.fields.find((f) => f.number === 13);
    for (const sf of fgp?.subfields ?? []) {
      if (!/^\d{1,3}$/.test(sf[0] ?? '')) out.push({ record: index, field: fieldTag(r.type, 13), severity: 'error', message: `finger position ${JSON.stringify(sf[0])} is not a number` });
    }
  }
}

function checkBinary(r: AnRecord & { kind: 'binary' }, index: number, out: AnIssue[]): void {
  const h = r.header;
  if (r.type >= 3 && r.type <= 6) {
    if (!h.hll || !h.vll) out.push({ record: index, field: `${r.type}.006`, severity: 'error', message: `image size ${h.hll}x${h.vll} has a zero dimension` });
    const fgp = h.fgp ?? [];
    if (!(fgp[0] <= 14 || fgp[0] === 255)) out.push({ record: index, field: `${r.type}.004`, severity: 'error', message: `finger position ${fgp[0]} outside 0..14` });
    if (r.type === 4 && h.gca === 0 && h.hll && h.vll && r.data.length !== h.hll * h.vll) {
      out.push({ record: index, field: '4.009', severity: 'warning', message: `uncompressed image has ${r.data.length} bytes, expected ${h.hll * h.vll}` });
    }
  }
}

export function validateTransaction(t: Transaction): AnIssue[] {
  const out: AnIssue[] = [];
  const t1 = t.records[0];
  if (!t1 || t1.type !== 1 || t1.kind !== 'tagged') return [{ record: 0, severity: 'error', message: 'first record is not a Type-1 record' }];
  const ver = fieldValue(t1, 2);
  if (ver !== undefined && !KNOWN_VERSIONS.has(ver)) out.push({ record: 0, field: '1.002', severity: 'warning', message: `unknown standard version ${JSON.stringify(ver)}` });
  const dat = fieldValue(t1, 5);
  if (dat !== undefined && !/^\d{8}$/.test(dat)) out.push({ record: 0, field: '1.005', severity: 'error', message: `date ${JSON.stringify(dat)} is not YYYYMMDD` });

  const cnt = t1.fields.find((f) => f.number === 3)?.subfields ?? [];
  const expected = cntSubfields(t);
  if (cnt[0]?.[0] !== '1' || Number(cnt[0]?.[1]) !== t.records.length - 1) {
    out.push({ record: 0, field: '1.003', severity: 'error', message: `CNT says ${cnt[0]?.[1]} further records, transaction has ${t.records.length - 1}` });
  }
  for (let i = 1; i < Math.max(cnt.length, expected.length); i++) {
    const [type, idc] = cnt[i] ?? [];
    const [eType, eIdc] = expected[i] ?? [];
    if (Number(type) !== Number(eType)) out.push({ record: i, field: '1.003', severity: 'error', message: `CNT lists Type-${type} but the record is Type-${eType}` });
    else if (idc !== eIdc) out.push({ record: i, field: '1.003', severity: 'error', message: `CNT gives IDC ${JSON.stringify(idc)} but the record's IDC is ${JSON.stringify(eIdc)}` });
  }

  t.records.forEach((r, i) => {
    if (i > 0 && r.type === 1) out.push({ record: i, severity: 'error', message: 'more than one Type-1 record' });
    if (r.kind === 'tagged') checkTagged(r, i, out);
    else checkBinary(r, i, out);
  });
  return out;
}
