import { withoutHiddenFields, type DateOfBirth, type Decision, type Person, type PersonCreate, type PersonName, type PersonSummary } from '@custodian/contracts';
import type { Selectable } from 'kysely';
import type { PersonTable } from '../../platform/db/schema';
import { nameKeys, normaliseNumber } from './name-keys';

type Row = Selectable<PersonTable> & { facility_name?: string | null };
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function formatDob(d: DateOfBirth): string {
  switch (d.kind) {
    case 'EXACT': return d.date!;
    case 'YEAR': return String(d.year);
    case 'APPROXIMATE': return `c. ${d.year}`;
    case 'RANGE': return `${d.fromYear}–${d.toYear}`;
    default: return 'unknown';
  }
}

// Latest possible birth year, for the adult-roster check: a person who may be under 18 is flagged.
function youngestBirthYear(d: DateOfBirth): number | null {
  if (d.kind === 'EXACT') return Number(d.date!.slice(0, 4));
  if (d.kind === 'YEAR' || d.kind === 'APPROXIMATE') return d.year!;
  if (d.kind === 'RANGE') return d.toYear!;
  return null;
}

export function recordFlags(p: Pick<PersonCreate, 'dateOfBirth'>, today = new Date()): string[] {
  const flags: string[] = [];
  const y = youngestBirthYear(p.dateOfBirth);
  if (y === null) flags.push('MISSING_DOB');
  else if (today.getUTCFullYear() - y < 18) flags.push('POSSIBLE_MINOR');
  return flags;
}

export function searchKeysOf(names: PersonName[]): string[] {
  return [...new Set(names.flatMap((n) => nameKeys(n.full)))];
}

export function primaryNames(names: PersonName[]): { primary: string; arabic: string | null } {
  const latin = names.find((n) => n.kind === 'PRIMARY' && n.script === 'Latn') ?? names.find((n) => n.script === 'Latn') ?? names[0]!;
  const arabic = names.find((n) => n.script === 'Arab')?.full ?? null;
  return { primary: latin.full, arabic };
}

export function identifierRows(personId: string, p: Pick<PersonCreate, 'identifiers'>, systemNumber: string) {
  return [{ scheme: 'SYSTEM', value: systemNumber }, ...p.identifiers].map((i) => ({
    scheme: i.scheme.toUpperCase(), value: normaliseNumber(i.value), person_id: personId,
  }));
}

// The columns a result list shows (PersonSummary) and the policy reads: a page of 25 should not
// carry every record's family, property and intake documents through the protocol and JSON parser.
export const SUMMARY_FIELDS = [
  'id', 'system_number', 'primary_name', 'arabic_name', 'sex', 'dob', 'nationality_codes', 'risk_class', 'status',
  'facility_id', 'flags', 'demo', 'classification', 'operation_id',
] as const satisfies readonly (keyof Row)[];
export type SummaryRow = Pick<Row, (typeof SUMMARY_FIELDS)[number]> & { facility_name?: string | null };

// The policy's answer travels with the record: the web app offers only these actions.
export function toSummary(r: SummaryRow, d: Pick<Decision, 'actions' | 'hiddenFields'>): PersonSummary {
  return withoutHiddenFields({
    id: r.id, systemNumber: r.system_number, primaryName: r.primary_name, arabicName: r.arabic_name,
    sex: r.sex as PersonSummary['sex'], dateOfBirth: formatDob(json<DateOfBirth>(r.dob)), nationalities: r.nationality_codes,
    riskClass: r.risk_class as PersonSummary['riskClass'], status: r.status as PersonSummary['status'], facilityId: r.facility_id,
    facilityName: r.facility_name ?? null, flags: r.flags, demo: r.demo, allowedActions: d.actions,
  }, d);
}

export function toPerson(r: Row, identifiers: { scheme: string; value: string }[], d: Pick<Decision, 'actions' | 'hiddenFields'>): Person {
  return withoutHiddenFields({
    ...toSummary(r, d),
    names: json(r.names), identifiers: identifiers.filter((i) => i.scheme !== 'SYSTEM'),
    dateOfBirthDetail: json(r.dob), placeOfBirth: r.place_of_birth, nationalityDetail: json(r.nationalities),
    documents: json(r.documents), languages: r.languages, physicalDescription: r.physical_description, marks: json(r.marks),
    family: json(r.family), property: json(r.property), intake: json(r.intake), classification: r.classification as Person['classification'],
    createdAt: new Date(r.created_at).toISOString(), version: r.version,
  }, d);
}
