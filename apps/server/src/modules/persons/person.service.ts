import type { Person, PersonCreate, PersonSearch } from '@custodian/contracts';
import { PersonCreate as PersonCreateSchema } from '@custodian/contracts';
import { z } from 'zod';
import type { Tx } from '../../platform/http/mutation';
import type { Ctx } from '../../platform/http/context';
import { appendAudit } from '../../platform/audit/audit-log';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import { cleared } from '@custodian/contracts';
import { requireAction, RecordDenied, type AccessDb, type AccessTx } from '../../platform/access/access-db';
import { findPersonById, insertPersons, searchPersons } from './person.repo';
import { queuePersonScreening } from '../screening/screening-run.repo';
import { identifierRows, primaryNames, recordFlags, searchKeysOf, toPerson, toSummary } from './person-record';

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

type Row = NonNullable<Awaited<ReturnType<typeof findPersonById>>>['row'];
const personRef = (r: Pick<Row, 'classification' | 'operation_id' | 'facility_id'>) => ({ classification: r.classification, operationId: r.operation_id, facilityId: r.facility_id });
const present = (t: AccessTx, found: NonNullable<Awaited<ReturnType<typeof findPersonById>>>): Person =>
  toPerson(found.row, found.identifiers, t.person(personRef(found.row)));

export async function createPerson(access: AccessDb, tx: Tx, ctx: Ctx, input: PersonCreate): Promise<Person> {
  const t = await access.bind(tx);
  const facility = await t.facilities().select(['id', 'operation_id', 'classification', 'location_classification']).where('id', '=', input.facilityId).executeTakeFirst();
  if (!facility) {
    throw new AppError('validation_failed', 'the facility does not exist', [{ path: 'body.facilityId', message: 'no such facility' }]);
  }
  const decision = t.facility({ id: facility.id, operationId: facility.operation_id, classification: facility.classification, locationClassification: facility.location_classification });
  if (!decision.actions.includes('register-person')) {
    throw new RecordDenied('forbidden', 'you are not assigned to register persons at this facility', 'facility', facility.id, 'register-person not allowed by policy');
  }
  if (!cleared(ctx.actor.clearance, input.classification)) {
    throw new AppError('validation_failed', 'you cannot create a record classified above your clearance', [{ path: 'body.classification', message: 'above your clearance' }]);
  }
  let created: { id: string; systemNumber: string };
  try {
    [created] = await insertPersons(tx, [{ ...input, operationId: facility.operation_id }]) as [{ id: string; systemNumber: string }];
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('one of the identifiers is already registered to another person');
    throw e;
  }
  await appendAudit(tx, {
    actorId: ctx.actor.id, actor: ctx.actor.username, action: 'person.create', objectType: 'person', objectId: created.id,
    outcome: 'success', requestId: ctx.requestId, details: { systemNumber: created.systemNumber, facilityId: input.facilityId },
  });
  await queuePersonScreening(tx, ctx, created.id);
  const found = await findPersonById(t, created.id);
  return present(t, found!);
}

// A read of a person's record is audited before the data leaves (Mandela Rule 9, need-to-know).
export async function readPerson(access: AccessDb, ctx: Ctx, id: string): Promise<Person> {
  return access.run(async (t) => {
    const found = z.string().uuid().safeParse(id).success ? await findPersonById(t, id) : null;
    await appendAudit(t.tx, {
      actorId: ctx.actor.id, actor: ctx.actor.username, action: 'person.read', objectType: 'person', objectId: id,
      outcome: found ? 'success' : 'failed', requestId: ctx.requestId,
    });
    if (!found) return null;
    return present(t, found);
  }).then((p) => {
    if (!p) throw notFound('the person');
    return p;
  });
}

export async function listPersons(access: AccessDb, ctx: Ctx, q: PersonSearch) {
  return access.run(async (t) => {
    const { items, total, totalIsLowerBound } = await searchPersons(t, q);
    await appendAudit(t.tx, {
      actorId: ctx.actor.id, actor: ctx.actor.username, action: 'person.search', objectType: 'person', objectId: null,
      outcome: 'success', requestId: ctx.requestId, details: { filters: { ...q }, total },
    });
    return { items: items.map((r) => toSummary(r, t.person(personRef(r)))), total, totalIsLowerBound, page: q.page, pageSize: q.pageSize };
  });
}

/** The fields watchlist screening compares; correcting one of them re-screens the person. */
const SCREENED_FIELDS = ['names', 'dateOfBirth', 'placeOfBirth', 'nationalities', 'documents'] as const satisfies readonly (keyof PersonCreate)[];

export async function updatePerson(access: AccessDb, tx: Tx, ctx: Ctx, id: string, version: number, patch: Partial<PersonCreate>): Promise<Person> {
  const t = await access.bind(tx);
  const found = await findPersonById(t, id);
  if (!found) throw new RecordDenied('not_found', 'the person was not found', 'person', id, 'not visible to the actor');
  requireAction(t.person(personRef(found.row)), 'update', 'person', id, 'the person');
  const current = toPerson(found.row, found.identifiers, t.person(personRef(found.row)));
  const merged = PersonCreateSchema.safeParse({
    names: current.names, identifiers: current.identifiers, sex: current.sex, dateOfBirth: current.dateOfBirthDetail,
    placeOfBirth: current.placeOfBirth ?? undefined, nationalities: current.nationalityDetail, documents: current.documents,
    languages: current.languages, physicalDescription: current.physicalDescription ?? undefined, marks: current.marks,
    riskClass: current.riskClass, facilityId: current.facilityId, family: current.family, property: current.property,
    intake: current.intake, classification: current.classification, ...patch,
  });
  if (!merged.success) {
    throw new AppError('validation_failed', 'the change would leave the record invalid',
      merged.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })));
  }
  const p = merged.data;
  if (!cleared(ctx.actor.clearance, p.classification)) {
    throw new AppError('validation_failed', 'you cannot classify a record above your clearance', [{ path: 'body.classification', message: 'above your clearance' }]);
  }
  const { primary, arabic } = primaryNames(p.names);
  const res = await tx.updateTable('person').set({
    primary_name: primary, arabic_name: arabic, sex: p.sex, dob: JSON.stringify(p.dateOfBirth), place_of_birth: p.placeOfBirth ?? null,
    nationalities: JSON.stringify(p.nationalities), nationality_codes: [...new Set(p.nationalities.map((n) => n.country))],
    documents: JSON.stringify(p.documents), languages: p.languages, physical_description: p.physicalDescription ?? null,
    marks: JSON.stringify(p.marks), risk_class: p.riskClass, family: JSON.stringify(p.family), property: JSON.stringify(p.property),
    intake: JSON.stringify(p.intake), names: JSON.stringify(p.names), classification: p.classification,
    flags: [...recordFlags(p), ...found.row.flags.filter((f) => !['MISSING_DOB', 'POSSIBLE_MINOR'].includes(f))],
    search_keys: searchKeysOf(p.names), version: found.row.version + 1, updated_at: new Date(),
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('precondition_failed', `the record is at version ${found.row.version}, not ${version}; reload and retry`);
  if (patch.identifiers) {
    await tx.deleteFrom('person_identifier').where('person_id', '=', id).where('scheme', '!=', 'SYSTEM').execute();
    const rows = identifierRows(id, p, found.row.system_number).filter((r) => r.scheme !== 'SYSTEM');
    try {
      if (rows.length) await tx.insertInto('person_identifier').values(rows).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('one of the identifiers is already registered to another person');
      throw e;
    }
  }
  await appendAudit(tx, {
    actorId: ctx.actor.id, actor: ctx.actor.username, action: 'person.update', objectType: 'person', objectId: id,
    outcome: 'success', requestId: ctx.requestId, details: { fields: Object.keys(patch), fromVersion: version },
  });
  if (SCREENED_FIELDS.some((f) => f in patch)) await queuePersonScreening(tx, ctx, id);
  const after = await findPersonById(t, id);
  // Reclassified within the actor's clearance it stays visible; the filter decides, not this function.
  if (!after) throw notFound('the person');
  return present(t, after);
}
