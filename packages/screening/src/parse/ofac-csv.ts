import { parse } from 'csv-parse/sync';
import { WatchlistParseError } from '../errors';
import type { ParsedList, WatchlistEntry } from '../model';
import { collapse, finalizeEntry, type EntryDraft } from './finalize';
import { parseOfacRemarks } from './ofac-remarks';

/** The OFAC legacy CSV files; only sdn is required. */
export interface OfacCsvFiles {
  sdn: string | Uint8Array;
  alt?: string | Uint8Array;
  add?: string | Uint8Array;
  comments?: string | Uint8Array;
}

function decode(data: string | Uint8Array): string {
  const s = typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data);
  // The files end with an MS-DOS end-of-file byte.
  return s.replace(/\u001a/g, '');
}

function nullable(v: string | undefined): string | undefined {
  const t = collapse(v);
  return t === '' || t === '-0-' ? undefined : t;
}

function rows(file: string, data: string | Uint8Array, columns: number): string[][] {
  let records: string[][];
  try {
    records = parse(decode(data), { relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as string[][];
  } catch (err) {
    throw new WatchlistParseError('ofac', undefined, file, (err as Error).message);
  }
  records.forEach((r, i) => {
    if (r.length !== columns) throw new WatchlistParseError('ofac', r[0] || `line ${i + 1}`, file, `expected ${columns} columns, found ${r.length}`);
    if (!/^\d+$/.test(r[0].trim())) throw new WatchlistParseError('ofac', `line ${i + 1}`, `${file}.ent_num`, `"${r[0]}" is not a number`);
  });
  return records;
}

/** "ABBAS, Abu" -> "Abu ABBAS" for people; organisations keep their published form. */
export function ofacDisplayName(name: string, person: boolean): string {
  if (!person) return name;
  const comma = name.indexOf(', ');
  return comma > 0 ? `${name.slice(comma + 2)} ${name.slice(0, comma)}` : name;
}

function entryKind(type: string | undefined): WatchlistEntry['kind'] {
  switch ((type ?? '').toLowerCase()) {
    case 'individual': return 'person';
    case 'vessel': return 'vessel';
    case 'aircraft': return 'aircraft';
    default: return 'organization';
  }
}

/**
 * Parses the OFAC SDN legacy CSV set (sdn.csv with optional alt.csv, add.csv, sdn_comments.csv):
 * no header row, "-0-" for null, trailing 0x1A byte. Throws WatchlistParseError on malformed rows.
 */
export function parseOfacCsv(files: OfacCsvFiles, listVersion: string): ParsedList {
  const comments = new Map<string, string>();
  if (files.comments) for (const r of rows('sdn_comments.csv', files.comments, 2)) comments.set(r[0].trim(), r[1]);
  const aliases = new Map<string, { name: string; type: string }[]>();
  if (files.alt) {
    for (const r of rows('alt.csv', files.alt, 5)) {
      const name = nullable(r[3]);
      if (!name) throw new WatchlistParseError('ofac', r[0], 'alt.csv.alt_name', 'alias without a name');
      const list = aliases.get(r[0].trim()) ?? [];
      list.push({ name, type: nullable(r[2]) ?? 'aka' });
      aliases.set(r[0].trim(), list);
    }
  }
  const entries = rows('sdn.csv', files.sdn, 12).map((r): WatchlistEntry => {
    const id = r[0].trim();
    const name = nullable(r[1]);
    if (!name) throw new WatchlistParseError('ofac', id, 'sdn.csv.SDN_Name', 'entry has no name');
    const kind = entryKind(nullable(r[2]));
    const person = kind === 'person';
    // sdn_comments.csv continues remarks that were cut at the column limit, mid-word.
    const remarks = (nullable(r[11]) ?? '') + (comments.get(id) ?? '');
    const facts = parseOfacRemarks(remarks);
    const names: EntryDraft['names'] = [{ full: ofacDisplayName(name, person), kind: 'primary', quality: 'good' }];
    for (const a of aliases.get(id) ?? []) names.push({ full: ofacDisplayName(a.name, person), kind: 'alias', quality: 'good' });
    for (const a of facts.weakAliases) names.push({ full: a, kind: 'alias', quality: 'low' });
    return finalizeEntry({
      source: 'ofac',
      listVersion,
      id: `ofac:${id}`,
      kind,
      names,
      gender: facts.gender,
      datesOfBirth: facts.datesOfBirth,
      placesOfBirth: facts.placesOfBirth,
      nationalities: [...new Set(facts.nationalities)],
      documents: facts.documents,
      references: [id],
      programs: (nullable(r[3]) ?? '').split(/\]\s*\[|\s+/).map((p) => p.replace(/[[\]]/g, '')).filter(Boolean),
      remarks: remarks || undefined,
    });
  });
  return { source: 'ofac', listVersion, entries };
}
