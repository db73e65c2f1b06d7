import { parse } from 'csv-parse/sync';
import { WatchlistParseError } from '../errors';
import type { ParsedList, WatchlistEntry } from '../model';
import { nationalityValue } from './country';
import { parseDateOfBirthText } from './dob-text';
import { finalizeEntry, normalizeDocumentNumber, type EntryDraft } from './finalize';

/**
 * Columns of a local watchlist CSV (header row required, UTF-8). Multi-valued cells use "|".
 * documents cells are "type:number[:country]" items, e.g. "Passport:A123456:Iraq".
 */
export const LOCAL_LIST_COLUMNS = [
  'id', 'kind', 'name', 'aliases', 'weak_aliases', 'date_of_birth', 'place_of_birth', 'nationality', 'documents', 'reference', 'program', 'listed_on', 'remarks',
] as const;
const REQUIRED = ['id', 'name'];

function multi(v: string | undefined): string[] {
  return (v ?? '').split('|').map((s) => s.trim()).filter(Boolean);
}

const KINDS = new Set(['person', 'organization', 'vessel', 'aircraft', 'other']);

/** Parses a local list CSV (see LOCAL_LIST_COLUMNS). All-or-nothing: any bad row throws. */
export function parseLocalListCsv(csv: string | Uint8Array, listVersion: string): ParsedList {
  let rows: Record<string, string>[];
  try {
    rows = parse(typeof csv === 'string' ? csv : new TextDecoder('utf-8').decode(csv), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (err) {
    throw new WatchlistParseError('local', undefined, 'csv', (err as Error).message);
  }
  if (rows.length > 0) {
    const header = Object.keys(rows[0]);
    for (const col of REQUIRED) if (!header.includes(col)) throw new WatchlistParseError('local', undefined, col, 'required column missing');
    for (const col of header) if (!(LOCAL_LIST_COLUMNS as readonly string[]).includes(col)) throw new WatchlistParseError('local', undefined, col, 'unknown column');
  }
  const entries = rows.map((r, i): WatchlistEntry => {
    const id = r.id;
    if (!id) throw new WatchlistParseError('local', `row ${i + 2}`, 'id', 'empty');
    if (!r.name) throw new WatchlistParseError('local', id, 'name', 'empty');
    const kind = (r.kind || 'person').toLowerCase();
    if (!KINDS.has(kind)) throw new WatchlistParseError('local', id, 'kind', `"${r.kind}" is not one of ${[...KINDS].join(', ')}`);
    const datesOfBirth = multi(r.date_of_birth).map((d) => {
      const parsed = parseDateOfBirthText(d);
      if (parsed.kind === 'text') throw new WatchlistParseError('local', id, 'date_of_birth', `"${d}" is not a recognised date form`);
      return parsed;
    });
    const documents = multi(r.documents).map((d) => {
      const [type, number, country] = d.split(':').map((s) => s.trim());
      if (!type || !number) throw new WatchlistParseError('local', id, 'documents', `"${d}" is not type:number[:country]`);
      return { type, number, country: country || undefined, normalized: normalizeDocumentNumber(number) };
    });
    const names: EntryDraft['names'] = [
      { full: r.name, kind: 'primary', quality: 'good' },
      ...multi(r.aliases).map((full) => ({ full, kind: 'alias' as const, quality: 'good' as const })),
      ...multi(r.weak_aliases).map((full) => ({ full, kind: 'alias' as const, quality: 'low' as const })),
    ];
    return finalizeEntry({
      source: 'local',
      listVersion,
      id: `local:${id}`,
      kind: kind as WatchlistEntry['kind'],
      names,
      datesOfBirth,
      placesOfBirth: multi(r.place_of_birth),
      nationalities: multi(r.nationality).map(nationalityValue),
      documents,
      references: multi(r.reference),
      programs: multi(r.program),
      listedOn: r.listed_on || undefined,
      remarks: r.remarks || undefined,
    });
  });
  return { source: 'local', listVersion, entries };
}
