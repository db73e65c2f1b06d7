// Usage: tsx scripts/an2k-inspect.ts FILE [--decode]
// Prints a readable summary of an ANSI/NIST-ITL transaction (records, key fields, image sizes)
// and its validation issues. Exit code: 0 valid, 1 validation errors, 2 unreadable/malformed.
import { readFileSync } from 'node:fs';
import {
  AnsiNistError, fieldValue, fingerprintImagesFromTransaction, formatIssue, parseTransaction, textOf,
  validateTransaction, type AnRecord,
} from '../src/ansi-nist/index';

const KEY_FIELDS: Record<number, [number, string][]> = {
  1: [[2, 'VER'], [4, 'TOT'], [5, 'DAT'], [7, 'DAI'], [8, 'ORI'], [9, 'TCN'], [11, 'NSR'], [12, 'NTR']],
  2: [[2, 'IDC']],
  9: [[2, 'IDC'], [3, 'IMP'], [4, 'FMT']],
  10: [[2, 'IDC'], [3, 'IMT'], [6, 'HLL'], [7, 'VLL'], [11, 'CGA'], [20, 'POS']],
  13: [[2, 'IDC'], [6, 'HLL'], [7, 'VLL'], [9, 'THPS'], [11, 'CGA'], [13, 'FGP']],
  14: [[2, 'IDC'], [6, 'HLL'], [7, 'VLL'], [9, 'THPS'], [11, 'CGA'], [13, 'FGP']],
  15: [[2, 'IDC'], [6, 'HLL'], [7, 'VLL'], [9, 'THPS'], [11, 'CGA'], [13, 'PLP']],
};

function describe(r: AnRecord, i: number): string {
  if (r.kind === 'binary') {
    const h = r.header;
    const parts = [`IDC=${h.idc}`];
    if (h.fgp) parts.push(`FGP=${h.fgp.filter((p) => p !== 255).join(',')}`, `IMP=${h.imp}`, `GCA=${h.gca}`);
    if (h.hll !== undefined) parts.push(`${h.hll}x${h.vll}`);
    return `#${i} Type-${r.type} (binary) ${parts.join(' ')} data=${r.data.length} bytes`;
  }
  const keys = (KEY_FIELDS[r.type] ?? [[2, 'IDC']]).map(([n, name]) => [name, fieldValue(r, n)] as const)
    .filter(([, v]) => v !== undefined).map(([name, v]) => `${name}=${textOf(v!)}`);
  const data = r.fields.findLast((f) => f.number === 999 && f.data)?.data;
  return `#${i} Type-${r.type} ${r.fields.length} fields ${keys.join(' ')}${data ? ` data=${data.length} bytes` : ''}`;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: an2k-inspect FILE [--decode]');
  process.exit(2);
}
let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (e) {
  console.error(`cannot read ${file}: ${(e as Error).message}`);
  process.exit(2);
}
try {
  const tx = parseTransaction(bytes);
  console.log(`${file}: ${bytes.length} bytes, ${tx.records.length} records`);
  tx.records.forEach((r, i) => console.log(`  ${describe(r, i)}`));
  if (process.argv.includes('--decode')) {
    for (const img of fingerprintImagesFromTransaction(tx)) {
      console.log(`  fingerprint #${img.record} pos=${img.fingerPositions.join(',')} ${img.compression} ${img.width}x${img.height}` +
        ` ppi=${img.ppi ?? '?'} ${img.pixels ? 'decoded' : 'not decoded'}${img.problems.length ? ` (${img.problems.join('; ')})` : ''}`);
    }
  }
  const issues = validateTransaction(tx);
  for (const i of issues) console.log(`  ${i.severity.toUpperCase()}: ${formatIssue(i)}`);
  console.log(issues.length ? `${issues.length} validation issue(s)` : 'valid');
  process.exit(issues.some((i) => i.severity === 'error') ? 1 : 0);
} catch (e) {
  if (!(e instanceof AnsiNistError)) throw e;
  console.error(`${file}: malformed transaction`);
  for (const i of e.issues) console.error(`  ERROR: ${formatIssue(i)}`);
  process.exit(2);
}
