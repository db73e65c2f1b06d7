import { WatchlistParseError } from '../errors';
import { WatchlistEntrySchema, type WatchlistEntry } from '../model';
import { normalizeName } from '../names/normalize';
import { detectScript } from '../names/script';

export type EntryDraft = Omit<WatchlistEntry, 'normalized' | 'names'> & {
  names: { full: string; kind: WatchlistEntry['names'][number]['kind']; quality: 'good' | 'low' }[];
};

export function collapse(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function normalizeDocumentNumber(n: string): string {
  return n.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Adds scripts and normalised names, drops duplicate names, and validates against the schema. */
export function finalizeEntry(draft: EntryDraft): WatchlistEntry {
  const seen = new Set<string>();
  const names = draft.names
    .map((n) => ({ ...n, full: collapse(n.full) }))
    .filter((n) => {
      const key = n.full.toUpperCase();
      if (!n.full || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((n) => ({ ...n, script: detectScript(n.full) }));
  const candidate = { ...draft, names, normalized: { names: names.map((n) => normalizeName(n.full).folded) } };
  const result = WatchlistEntrySchema.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WatchlistParseError(draft.source, draft.id, issue.path.join('.'), issue.message);
  }
  return result.data;
}
