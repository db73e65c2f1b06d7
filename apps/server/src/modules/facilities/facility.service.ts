import { randomUUID } from 'node:crypto';
import { FacilityCreate, type Facility, type FacilityUpdate } from '@custodian/contracts';
import type { z } from 'zod';
import type { Tx } from '../../platform/http/mutation';
import type { Ctx } from '../../platform/http/context';
import { appendAudit } from '../../platform/audit/audit-log';
import { AppError, conflict } from '../../platform/http/errors';
import { RecordDenied, requireAction, type AccessDb, type AccessTx } from '../../platform/access/access-db';
import { facilityRef, findFacilityRow, listFacilityRows, toFacility } from './facility.repo';

type Create = z.infer<typeof FacilityCreate>;
type Update = z.infer<typeof FacilityUpdate>;

export async function listFacilitiesIn(t: AccessTx, operationId?: string): Promise<Facility[]> {
  return (await listFacilityRows(t, operationId)).map((r) => toFacility(r, t.facility(facilityRef(r))));
}

export function listFacilities(access: AccessDb, operationId?: string): Promise<Facility[]> {
  return access.run((t) => listFacilitiesIn(t, operationId));
}

async function visibleFacility(t: AccessTx, id: string) {
  const row = await findFacilityRow(t, id);
  if (!row) throw new RecordDenied('not_found', 'the facility was not found', 'facility', id, 'not visible to the actor');
  return row;
}

export function getFacility(access: AccessDb, id: string): Promise<Facility> {
  return access.run(async (t) => {
    const row = await visibleFacility(t, id);
    return toFacility(row, t.facility(facilityRef(row)));
  });
}

export function facilityRiskHistory(access: AccessDb, id: string) {
  return access.run((t) => riskHistoryIn(t, id));
}

async function riskHistoryIn(t: AccessTx, id: string) {
  await visibleFacility(t, id);
  const rows = await t.tx.selectFrom('facility_risk').leftJoin('app_user', 'app_user.id', 'facility_risk.recorded_by')
    .select(['facility_risk.level', 'facility_risk.note', 'facility_risk.recorded_at', 'app_user.username'])
    .where('facility_id', '=', id).orderBy('facility_risk.recorded_at', 'desc').orderBy('facility_risk.id', 'desc').execute();
  return rows.map((r) => ({ level: r.level as Facility['riskLevel'], note: r.note, recordedAt: new Date(r.recorded_at).toISOString(), recordedBy: r.username }));
}

function checkCapacities(c: Pick<Create, 'capacityCertified' | 'capacityWorking' | 'capacityMaximum'>) {
  if (c.capacityWorking > c.capacityMaximum) {
    throw new AppError('validation_failed', 'working capacity exceeds maximum capacity', [{ path: 'body.capacityWorking', message: 'must be ≤ capacityMaximum' }]);
  }
}

export async function createFacility(access: AccessDb, tx: Tx, ctx: Ctx, operationId: string, input: Create, opts: { demo?: boolean; classification?: string } = {}): Promise<Facility> {
  checkCapacities(input);
  const t = await access.bind(tx);
  const op = await t.operations().select('id').where('id', '=', operationId).executeTakeFirst();
  if (!op) throw new AppError('validation_failed', 'no such operation', [{ path: 'body.operationId', message: 'no such operation' }]);
  requireAction(t.operation(op), 'add-facility', 'operation', op.id, 'the operation');
  const id = randomUUID();
  try {
    await tx.insertInto('facility').values({
      id, operation_id: operationId, code: input.code, name: input.name, name_ar: input.nameAr ?? null, kind: input.kind,
      holding_authority: input.holdingAuthority, country: input.country, latitude: input.latitude ?? null, longitude: input.longitude ?? null,
      location_classification: input.locationClassification, capacity_certified: input.capacityCertified,
      capacity_working: input.capacityWorking, capacity_maximum: input.capacityMaximum, risk_level: input.riskLevel,
      classification: opts.classification ?? 'UNCLASSIFIED', demo: opts.demo ?? false,
    }).execute();
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict(`a facility with code ${input.code} already exists in this operation`);
    throw e;
  }
  await tx.insertInto('facility_risk').values({ facility_id: id, level: input.riskLevel, note: 'initial assessment', recorded_by: ctx.actor.id === SYSTEM_ID ? null : ctx.actor.id }).execute();
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'facility.create', objectType: 'facility', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { code: input.code } });
  const row = await findFacilityRow(t, id);
  if (!row) throw new AppError('validation_failed', 'you would not be able to see this facility', [{ path: 'body', message: 'classified above your clearance' }]);
  return toFacility(row, t.facility(facilityRef(row)));
}

const SYSTEM_ID = '00000000-0000-0000-0000-000000000000';

export async function updateFacility(access: AccessDb, tx: Tx, ctx: Ctx, id: string, version: number, patch: Update): Promise<Facility> {
  const t = await access.bind(tx);
  const row = await visibleFacility(t, id);
  requireAction(t.facility(facilityRef(row)), 'update', 'facility', id, 'the facility');
  const next = { ...toFacility(row, { actions: [], hiddenFields: [] }), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Facility & Update;
  checkCapacities(next);
  const res = await tx.updateTable('facility').set({
    code: next.code, name: next.name, name_ar: next.nameAr ?? null, kind: next.kind, holding_authority: next.holdingAuthority,
    country: next.country, latitude: next.latitude ?? null, longitude: next.longitude ?? null, location_classification: next.locationClassification,
    capacity_certified: next.capacityCertified, capacity_working: next.capacityWorking, capacity_maximum: next.capacityMaximum,
    risk_level: next.riskLevel, version: row.version + 1, updated_at: new Date(),
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('precondition_failed', `the facility is at version ${row.version}, not ${version}; reload and retry`);
  if (patch.riskLevel && patch.riskLevel !== row.risk_level) {
    await tx.insertInto('facility_risk').values({ facility_id: id, level: patch.riskLevel, note: patch.riskNote ?? null, recorded_by: ctx.actor.id }).execute();
  }
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'facility.update', objectType: 'facility', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { fields: Object.keys(patch), fromVersion: version } });
  const after = await visibleFacility(t, id);
  return toFacility(after, t.facility(facilityRef(after)));
}
