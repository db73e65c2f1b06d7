import type { DateOfBirth, WatchlistEntry } from '../model';
import { countryCode } from '../parse/country';
import { parseDateOfBirthText } from '../parse/dob-text';
import { normalizeName } from '../names/normalize';

/** One piece of evidence, in the shape an analyst reads: what was compared, how well it matched, how much it counted. */
export interface FeatureExplanation {
  feature: 'name' | 'birthDate' | 'nationality' | 'birthPlace' | 'identifier';
  /** -1 (contradicts) .. 1 (agrees); name is 0..1. */
  score: number;
  /** Contribution to the total score: score × weight (name is the base). */
  weight: number;
  query: string[];
  matched: string[];
  detail?: string;
}

function describeDob(d: DateOfBirth): string {
  switch (d.kind) {
    case 'exact': return d.date!;
    case 'month': return `${d.fromYear}-${String(d.month).padStart(2, '0')}`;
    case 'year': return String(d.fromYear);
    case 'circa': return `circa ${d.fromYear}`;
    case 'range': return `${d.fromYear} to ${d.toYear}`;
    default: return d.text ?? '';
  }
}

/** Years of slack a publisher's "circa" allows. */
const CIRCA_YEARS = 2;

/**
 * Agreement of two date-of-birth statements, -1..1, respecting their precision: a year-only or
 * approximate statement can agree with an exact date but never proves it; a range agrees with any
 * year inside it. Unreadable text gives 0 (no evidence either way).
 */
export function compareDatesOfBirth(a: DateOfBirth, b: DateOfBirth): number {
  if (a.kind === 'text' || b.kind === 'text' || a.fromYear === undefined || b.fromYear === undefined) return 0;
  if (a.kind === 'exact' && b.kind === 'exact') {
    if (a.date === b.date) return 1;
    // Day and month swapped is a common clerical error.
    const [, am, ad] = a.date!.split('-');
    const [, bm, bd] = b.date!.split('-');
    if (am === bd && ad === bm && a.fromYear === b.fromYear) return 0.6;
    if (a.fromYear === b.fromYear) return 0.3;
    return Math.abs(a.fromYear - b.fromYear) <= 1 ? -0.3 : -1;
  }
  const slackA = a.kind === 'circa' ? CIRCA_YEARS : 0;
  const slackB = b.kind === 'circa' ? CIRCA_YEARS : 0;
  const lo = Math.max(a.fromYear - slackA, b.fromYear! - slackB);
  const hi = Math.min(a.toYear! + slackA, b.toYear! + slackB);
  if (lo <= hi) {
    const monthsAgree = a.month !== undefined && b.month !== undefined;
    if (monthsAgree) return a.month === b.month ? 0.8 : 0.2;
    // Agreement on a single stated year is good evidence; on a wide range, little.
    const width = Math.max(a.toYear! - a.fromYear + 2 * slackA, b.toYear! - b.fromYear! + 2 * slackB);
    return width === 0 ? 0.7 : Math.max(0.2, 0.6 - width * 0.05);
  }
  const gap = lo - hi;
  return gap <= 1 ? -0.3 : gap <= 3 ? -0.6 : -1;
}

/** Query-side values parsed once per query rather than once per candidate. */
export interface QueryFacts {
  birthDates: { raw: string; parsed: DateOfBirth }[];
  nationalities: string[];
  places: Set<string>;
  identifiers: string[];
}

export function prepareQueryFacts(props: { birthDate?: string[]; nationality?: string[]; birthPlace?: string[]; idNumber?: string[]; passportNumber?: string[] }): QueryFacts {
  return {
    birthDates: (props.birthDate ?? []).map((raw) => ({ raw, parsed: parseDateOfBirthText(raw) })),
    nationalities: (props.nationality ?? []).map((n) => countryCode(n) ?? n.trim().toUpperCase()).filter(Boolean),
    places: new Set((props.birthPlace ?? []).flatMap((p) => [...placeTokens(p)])),
    identifiers: [...(props.idNumber ?? []), ...(props.passportNumber ?? [])].map((n) => n.toUpperCase().replace(/[^A-Z0-9]/g, '')).filter((n) => n.length >= 5),
  };
}

export function birthDateFeature(facts: QueryFacts, entry: WatchlistEntry): FeatureExplanation | undefined {
  if (facts.birthDates.length === 0 || entry.datesOfBirth.length === 0) return undefined;
  let best = -Infinity;
  let pair: [string, string] = ['', ''];
  for (const { raw: q, parsed: qd } of facts.birthDates) {
    for (const d of entry.datesOfBirth) {
      const s = compareDatesOfBirth(qd, d);
      if (s > best) {
        best = s;
        pair = [q, describeDob(d)];
      }
    }
  }
  const weight = best >= 0 ? 0.06 : 0.2;
  return { feature: 'birthDate', score: best, weight, query: [pair[0]], matched: [pair[1]] };
}

export function nationalityFeature(facts: QueryFacts, entry: WatchlistEntry): FeatureExplanation | undefined {
  const q = facts.nationalities;
  const e = entry.nationalities.filter((n) => /^[A-Z]{2}$/.test(n));
  if (q.length === 0 || e.length === 0) return undefined;
  const shared = q.filter((c) => e.includes(c));
  if (shared.length > 0) return { feature: 'nationality', score: 1, weight: 0.03, query: shared, matched: shared };
  // Nationalities change and lists lag: a mismatch is weak evidence against.
  return { feature: 'nationality', score: -1, weight: 0.06, query: q, matched: e };
}

const PLACE_STOPWORDS = new Set(['village', 'district', 'province', 'city', 'area', 'governorate', 'region', 'near', 'town']);

const placeCache = new WeakMap<WatchlistEntry, Set<string>[]>();

function entryPlaces(entry: WatchlistEntry): Set<string>[] {
  let places = placeCache.get(entry);
  if (!places) placeCache.set(entry, (places = entry.placesOfBirth.map(placeTokens)));
  return places;
}

function placeTokens(text: string): Set<string> {
  return new Set(normalizeName(text).tokens.filter((t) => t.text.length >= 3 && !PLACE_STOPWORDS.has(t.text)).map((t) => t.text));
}

export function birthPlaceFeature(facts: QueryFacts, entry: WatchlistEntry): FeatureExplanation | undefined {
  const q = facts.places;
  if (q.size === 0 || entry.placesOfBirth.length === 0) return undefined;
  const places = entryPlaces(entry);
  for (let i = 0; i < places.length; i++) {
    const place = entry.placesOfBirth[i];
    const shared = [...places[i]].filter((t) => q.has(t));
    // Place names are too loosely written to count against a match; agreement is mild support.
    if (shared.length > 0) return { feature: 'birthPlace', score: 1, weight: 0.03, query: shared, matched: [place] };
  }
  return undefined;
}

export function identifierFeature(facts: QueryFacts, entry: WatchlistEntry): FeatureExplanation | undefined {
  const q = facts.identifiers;
  for (const doc of entry.documents) {
    if (doc.normalized.length >= 5 && q.includes(doc.normalized)) {
      return { feature: 'identifier', score: 1, weight: 1, query: [doc.normalized], matched: [`${doc.type} ${doc.number}${doc.country ? ` (${doc.country})` : ''}`] };
    }
  }
  return undefined;
}
