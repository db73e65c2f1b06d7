import type { NameQuality, WatchlistEntry } from '../model';
import { normalizeName, type NormalizedName } from '../names/normalize';

export interface IndexedName {
  entry: number;
  full: string;
  quality: NameQuality;
  normalized: NormalizedName;
}

/**
 * Inverted index from name keys to list names, so a query touches only names sharing a folded token,
 * a consonant skeleton or a 4-letter prefix with it instead of scanning every entry.
 */
export interface ScreeningIndex {
  entries: WatchlistEntry[];
  names: IndexedName[];
  postings: Map<string, Int32Array>;
  /** Inverse document frequency of each key, over names. */
  idf: Map<string, number>;
}


export function nameKeys(name: NormalizedName): string[] {
  const keys = new Set<string>();
  for (const t of name.tokens) {
    if (t.role === 'initial') continue;
    if (!t.vowelless) keys.add('t:' + t.text);
    if (t.skeleton.length >= 2) keys.add('s:' + t.skeleton);
    if (!t.vowelless && t.text.length >= 5) keys.add('p:' + t.text.slice(0, 4));
  }
  return [...keys];
}

/** Builds the index over one or more parsed lists. Entry ids must be unique across them. */
export function buildScreeningIndex(entries: WatchlistEntry[]): ScreeningIndex {
  const names: IndexedName[] = [];
  const lists = new Map<string, number[]>();
  const ids = new Set<string>();
  entries.forEach((entry, e) => {
    if (ids.has(entry.id)) throw new Error(`duplicate entry id ${entry.id} in screening index`);
    ids.add(entry.id);
    for (const n of entry.names) {
      const normalized = normalizeName(n.full);
      if (normalized.tokens.length === 0) continue;
      const id = names.length;
      names.push({ entry: e, full: n.full, quality: n.quality, normalized });
      for (const key of nameKeys(normalized)) {
        let list = lists.get(key);
        if (!list) lists.set(key, (list = []));
        list.push(id);
      }
    }
  });
  const postings = new Map<string, Int32Array>();
  const idf = new Map<string, number>();
  const total = names.length + 1;
  for (const [key, list] of lists) {
    postings.set(key, Int32Array.from(list));
    idf.set(key, Math.log(total / list.length));
  }
  return { entries, names, postings, idf };
}

// One accumulator reused across queries (single-threaded; always left zeroed after use).
let accumulator = new Float64Array(0);
function scratch(size: number): Float64Array {
  if (accumulator.length < size) accumulator = new Float64Array(size);
  return accumulator;
}

/** Keys held by more than this share of names are skipped when rarer keys exist (blocking). */
const COMMON_KEY_SHARE = 0.02;

/**
 * Returns the ids of the list names most likely to match, best first (at most `limit`): names are
 * ranked by the summed rarity of the keys they share with the query.
 */
export function retrieveCandidates(index: ScreeningIndex, queries: NormalizedName[], limit: number): number[] {
  const acc = scratch(index.names.length);
  const touched: number[] = [];
  const maxPosting = Math.max(50, index.names.length * COMMON_KEY_SHARE);
  for (const q of queries) {
    const keys = nameKeys(q).filter((k) => index.postings.has(k));
    const rare = keys.filter((k) => index.postings.get(k)!.length <= maxPosting);
    // Block on rare keys; only a query made solely of common names falls back to the common keys.
    const use = rare.length > 0 ? rare : keys;
    for (const key of use) {
      const list = index.postings.get(key)!;
      const w = index.idf.get(key)!;
      for (let i = 0; i < list.length; i++) {
        const id = list[i];
        if (acc[id] === 0) touched.push(id);
        acc[id] += w;
      }
    }
  }
  const scored = touched.map((id) => [id, acc[id]] as const);
  for (const id of touched) acc[id] = 0;
  return scored
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([id]) => id);
}
