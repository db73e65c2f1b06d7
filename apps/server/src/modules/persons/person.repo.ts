import { randomUUID } from 'node:crypto';
import type { PersonCreate, PersonSearch } from '@custodian/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import type { AccessTx } from '../../platform/access/access-db';
import { nameKeys, normaliseNumber } from './name-keys';
import { identifierRows, primaryNames, recordFlags, searchKeysOf, SUMMARY_FIELDS } from './person-record';

type Exec = Kysely<Database> | Transaction<Database>;

export type NewPerson = PersonCreate & { operationId: string; demo?: boolean; importId?: string | null; extraFlags?: string[] };

const dobSort = (p: PersonCreate): number | null => {
  const d = p.dateOfBirth;
  return d.kind === 'EXACT' ? Number(d.date!.slice(0, 4)) : d.kind === 'RANGE' ? d.fromYear! : d.year ?? null;
};

// Inserts in batches: one statement per table per 500 persons keeps a 50,000-row roster fast on PGlite.
export async function insertPersons(tx: Exec, persons: NewPerson[]): Promise<{ id: string; systemNumber: string }[]> {
  const out: { id: string; systemNumber: string }[] = [];
  for (let i = 0; i < persons.length; i += 500) {
    const batch = persons.slice(i, i + 500);
    const numbers = await sql<{ n: string }>`select nextval('person_number_seq')::text as n from generate_series(1, ${batch.length})`.execute(tx);
    const rows = batch.map((p, j) => {
      const id = randomUUID();
      const systemNumber = `CUS-${numbers.rows[j]!.n.padStart(6, '0')}`;
      const { primary, arabic } = primaryNames(p.names);
      out.push({ id, systemNumber });
      return {
        person: {
          id, operation_id: p.operationId, system_number: systemNumber, primary_name: primary, arabic_name: arabic, sex: p.sex,
          dob: JSON.stringify(p.dateOfBirth), dob_sort: dobSort(p), place_of_birth: p.placeOfBirth ?? null,
          nationalities: JSON.stringify(p.nationalities), nationality_codes: [...new Set(p.nationalities.map((n) => n.country))],
          documents: JSON.stringify(p.documents), languages: p.languages, physical_description: p.physicalDescription ?? null,
          marks: JSON.stringify(p.marks), risk_class: p.riskClass, status: 'HELD', facility_id: p.facilityId,
          family: JSON.stringify(p.family), property: JSON.stringify(p.property), intake: JSON.stringify(p.intake),
          names: JSON.stringify(p.names), classification: p.classification, flags: [...recordFlags(p), ...(p.extraFlags ?? [])],
          search_keys: searchKeysOf(p.names), import_id: p.importId ?? null, demo: p.demo ?? false,
        },
        ids: identifierRows(id, p, systemNumber),
      };
    });
    await tx.insertInto('person').values(rows.map((r) => r.person)).execute();
    await tx.insertInto('person_identifier').values(rows.flatMap((r) => r.ids)).execute();
  }
  return out;
}

// Reads go through the actor-bound handle: the visibility filter is part of every query it starts.
export async function findPersonById(t: AccessTx, id: string) {
  const row = await t.personsWithFacility().selectAll('person').select('facility.name as facility_name').where('person.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const identifiers = await t.tx.selectFrom('person_identifier').select(['scheme', 'value']).where('person_id', '=', id).orderBy('scheme').execute();
  return { row, identifiers };
}

// Counting every match of a common name ("Muhammad" is one person in six) costs more than the
// search itself; past this many the answer is "at least", and the officer narrows the search.
export const SEARCH_COUNT_CAP = 1000;

const SUMMARY_COLUMNS = SUMMARY_FIELDS.map((c) => `person.${c}` as const);

export async function searchPersons(t: AccessTx, q: PersonSearch, countCap = SEARCH_COUNT_CAP) {
  const db = t.tx;
  // Filters apply to the person table alone; the facility join is only for the page's facility names.
  let matches = t.persons();
  const text = q.q?.trim();
  if (text) {
    const keys = nameKeys(text);
    const number = normaliseNumber(text);
    const byNumber = db.selectFrom('person_identifier').select('person_id').where('value', '=', number);
    matches = matches.where((eb) =>
      keys.length > 0 && !/\d/.test(text)
        ? eb('person.search_keys', '@>', sql<string[]>`${keys}::text[]`)
        : eb('person.id', 'in', byNumber),
    );
  }
  if (q.facilityId) matches = matches.where('person.facility_id', '=', q.facilityId);
  if (q.status) matches = matches.where('person.status', '=', q.status);
  if (q.riskClass) matches = matches.where('person.risk_class', '=', q.riskClass);
  if (q.nationality) matches = matches.where('person.nationality_codes', '@>', sql<string[]>`${[q.nationality]}::text[]`);
  if (q.flag) matches = matches.where('person.flags', '@>', sql<string[]>`${[q.flag]}::text[]`);
  const capped = Boolean(text);
  const counted = capped
    ? db.selectFrom(matches.select('person.id').limit(countCap + 1).as('m')).select((eb) => eb.fn.countAll<string>().as('n'))
    : matches.select((eb) => eb.fn.countAll<string>().as('n'));
  const [items, total] = await Promise.all([
    matches.leftJoin('facility', (j) => j.onRef('facility.id', '=', 'person.facility_id').on(t.facilityVisible()))
      .select(SUMMARY_COLUMNS).select('facility.name as facility_name')
      .orderBy('person.system_number').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  const n = Number(total.n);
  return { items, total: Math.min(n, capped ? countCap : n), totalIsLowerBound: capped && n > countCap };
}

export async function existingIdentifiers(db: Exec, scheme: string, values: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await db.selectFrom('person_identifier').select('value').where('scheme', '=', scheme).where('value', 'in', values.slice(i, i + 1000)).execute();
    for (const r of rows) found.add(r.value);
  }
  return found;
}
