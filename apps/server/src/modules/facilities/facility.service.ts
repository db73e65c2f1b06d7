import { randomUUID } from 'node:crypto';
import { FacilityCreate, type Facility, type FacilityUpdate } from '@custodian/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import type { Tx } from '../../platform/http/mutation';
import type { Ctx } from '../../platform/http/context';
import { appendAudit } from '../../platform/audit/audit-log';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import { findFacilityRow, listFacilityRows, toFacility } from './facility.repo';

type Create = z.infer<typeof FacilityCreate>;
type Update = z.infer<typeof FacilityUpdate>;

export async function listFacilities(db: Db, ctx: Ctx, operationId?: string): Promise<Facility[]> {
  return (await listFacilityRows(db, ctx.actor.clearance, operationId)).map((r) => toFacility(r, ctx.actor.clearance));
}

export async function getFacility(db: Db, ctx: Ctx, id: string): Promise<Facility> {
  const row = await findFacilityRow(db, id, ctx.actor.clearance);
  if (!row) throw notFound('the facility');
  return toFacility(row, ctx.actor.clearance);
}

export async function facilityRiskHistory(db: Db, ctx: Ctx, id: string) {
  await getFacility(db, ctx, id);
  const rows = await db.selectFrom('facility_risk').leftJoin('app_user', 'app_user.id', 'facility_risk.recorded_by')
    .select(['facility_risk.level', 'facility_risk.note', 'facility_risk.recorded_at', 'app_user.username'])
    .where('facility_id', '=', id).orderBy('facility_risk.recorded_at', 'desc').orderBy('facility_risk.id', 'desc').execute();
  return rows.map((r) => ({ level: r.level as Facility['riskLevel'], note: r.note, recordedAt: new Date(r.recorded_at).toISOString(), recordedBy: r.username }));
}

function checkCapacities(c: Pick<Create, 'capacityCertified' | 'capacityWorking' | 'capacityMaximum'>) {
  if (c.capacityWorking > c.capacityMaximum) {
    throw new AppError('validation_failed', 'working capacity exceeds maximum capacity', [{ path: 'body.capacityWorking', message: 'must be ≤ capacityMaximum' }]);
  }
}

export async function createFacility(tx: Tx, ctx: Ctx, operationId: string, input: Create, opts: { demo?: boolean; classification?: string } = {}): Promise<Facility> {
  checkCapacities(input);
  const op = await tx.selectFrom('operation').select('id').where('id', '=', operationId).executeTakeFirst();
  if (!op) throw new AppError('validation_failed', 'no such operation', [{ path: 'body.operationId', message: 'no such operation' }]);
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
  return toFacility((await findFacilityRow(tx, id, 'SECRET'))!, ctx.actor.clearance);
}

const SYSTEM_ID = '00000000-0000-0000-0000-000000000000';

export async function updateFacility(tx: Tx, ctx: Ctx, id: string, version: number, patch: Update): Promise<Facility> {
  const row = await findFacilityRow(tx, id, ctx.actor.clearance);
  if (!row) throw notFound('the facility');
  const next = { ...toFacility(row, 'SECRET'), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Facility & Update;
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
  return toFacility((await findFacilityRow(tx, id, ctx.actor.clearance))!, ctx.actor.clearance);
}
