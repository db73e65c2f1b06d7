import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { DateOfBirth, PersonName } from '@custodian/contracts';
import { matchQuery, OPERATING_THRESHOLD, type MatchQuery, type MatchResult, type ScreeningIndex, type WatchlistEntry } from '@custodian/screening';

// What of a detainee's record is screened, and the fingerprints that decide whether a dismissed
// (person, entry) pair may speak again: only a change to what was compared reopens it.

export type ScreenedPersonRow = {
  id: string; names: unknown; dob: unknown; nationality_codes: string[]; place_of_birth: string | null; documents: unknown;
};

export type PersonValues = { names: string[]; birthDate: string[]; nationality: string[]; birthPlace: string[]; idNumber: string[] };

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function birthDateText(d: DateOfBirth): string[] {
  switch (d.kind) {
    case 'EXACT': return [d.date!];
    case 'YEAR': return [String(d.year)];
    case 'APPROXIMATE': return [`circa ${d.year}`];
    case 'RANGE': return [`${d.fromYear} to ${d.toYear}`];
    default: return [];
  }
}

export function personValues(row: ScreenedPersonRow): PersonValues {
  const names = [...new Set(json<PersonName[]>(row.names).map((n) => n.full.trim()).filter(Boolean))];
  return {
    names,
    birthDate: birthDateText(json<DateOfBirth>(row.dob)),
    nationality: [...row.nationality_codes].sort(),
    birthPlace: row.place_of_birth ? [row.place_of_birth] : [],
    idNumber: json<{ number: string }[]>(row.documents).map((d) => d.number),
  };
}

export function personQuery(v: PersonValues, names = v.names): MatchQuery {
  return {
    schema: 'Person',
    properties: {
      name: names.slice(0, 20),
      ...(v.birthDate.length ? { birthDate: v.birthDate } : {}),
      ...(v.nationality.length ? { nationality: v.nationality.slice(0, 10) } : {}),
      ...(v.birthPlace.length ? { birthPlace: v.birthPlace } : {}),
      ...(v.idNumber.length ? { idNumber: v.idNumber.slice(0, 10) } : {}),
    },
  };
}

export const personFingerprint = (v: PersonValues): string => sha256(canonicalize(v) ?? '');

/** The entry's content without the version it was published in: a re-publication alone changes nothing. */
export function entryFingerprint(e: WatchlistEntry): string {
  const { listVersion: _v, normalized: _n, ...content } = e;
  return sha256(canonicalize(content) ?? '');
}

/**
 * A kunya (Abu X, a nom de guerre) is shared by many men: a hit on it alone is weighed like a
 * published weak alias (the screening library's factor), so it needs a date of birth, nationality or
 * document to reach the threshold. A hit through the recorded names is not affected.
 */
const KUNYA_FACTOR = 0.7;

export function screenPerson(index: ScreeningIndex, row: ScreenedPersonRow, limit = 10): { values: PersonValues; results: MatchResult[] } {
  const values = personValues(row);
  const kinds = json<PersonName[]>(row.names);
  const kunyas = new Set(kinds.filter((n) => n.kind === 'KUNYA').map((n) => n.full.trim()));
  const recorded = values.names.filter((n) => !kunyas.has(n));
  const best = new Map<string, MatchResult>();
  if (recorded.length) for (const r of matchQuery(index, personQuery(values, recorded), { limit })) best.set(r.id, r);
  if (kunyas.size) {
    for (const r of matchQuery(index, personQuery(values, [...kunyas]), { limit })) {
      const name = r.explanation.find((f) => f.feature === 'name');
      const hasDocument = r.explanation.some((f) => f.feature === 'identifier');
      const score = hasDocument || !name ? r.score : Math.max(0, Math.round((r.score - (1 - KUNYA_FACTOR) * name.score * name.weight) * 10000) / 10000);
      const prev = best.get(r.id);
      if (prev && prev.score >= score) continue;
      best.set(r.id, {
        ...r, score, match: score >= OPERATING_THRESHOLD,
        explanation: r.explanation.map((f) => (f === name ? { ...f, weight: f.weight * KUNYA_FACTOR, detail: `${f.detail ?? ''}; the detainee's kunya only` } : f)),
      });
    }
  }
  return { values, results: [...best.values()].filter((r) => r.match).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)) };
}
