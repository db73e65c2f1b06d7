import type { WatchlistEntry } from './model';

/** Fields compared between list versions; normalized forms follow from names and are left out. */
const COMPARED_FIELDS = [
  'kind', 'names', 'gender', 'datesOfBirth', 'placesOfBirth', 'nationalities', 'documents', 'references', 'programs', 'listedOn', 'remarks',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface EntryChange {
  id: string;
  before: WatchlistEntry;
  after: WatchlistEntry;
  changedFields: ComparedField[];
}

export interface ListDiff {
  added: WatchlistEntry[];
  removed: WatchlistEntry[];
  changed: EntryChange[];
  unchanged: number;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * Differences between two versions of a list, by entry id: added, removed, and changed entries with
 * the fields that changed (so a re-screen can be limited to entries whose identifying data moved).
 */
export function diffLists(before: WatchlistEntry[], after: WatchlistEntry[]): ListDiff {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const added = after.filter((e) => !old.has(e.id));
  const removed = before.filter((e) => !now.has(e.id));
  const changed: EntryChange[] = [];
  let unchanged = 0;
  for (const e of after) {
    const prev = old.get(e.id);
    if (!prev) continue;
    const fields = COMPARED_FIELDS.filter((f) => canonical(prev[f]) !== canonical(e[f]));
    if (fields.length > 0) changed.push({ id: e.id, before: prev, after: e, changedFields: fields });
    else unchanged++;
  }
  return { added, removed, changed, unchanged };
}
