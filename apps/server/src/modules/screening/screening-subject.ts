import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { DateOfBirth, PersonName } from '@custodian/contracts';
import type { MatchQuery, WatchlistEntry } from '@custodian/screening';

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

export function personQuery(v: PersonValues): MatchQuery {
  return {
    schema: 'Person',
    properties: {
      name: v.names.slice(0, 20),
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
