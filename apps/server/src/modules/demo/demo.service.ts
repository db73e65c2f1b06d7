import { afterBulkLoad } from '../../platform/db/maintenance';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import { appendAudit } from '../../platform/audit/audit-log';
import { SYSTEM_ACTOR } from '../../platform/access/actor';
import { AccessDb } from '../../platform/access/access-db';
import { insertPersons } from '../persons/person.repo';
import { generateDemoOperation } from './demo-operation';

export const DEMO_OPERATION_CODE = 'DEMO-NES-2026';

/** Loads the synthetic demo operation; a second call with the operation present changes nothing. */
export async function loadDemoOperation(db: Db, seed: number): Promise<{ operationId: string; persons: number; created: boolean }> {
  // The demo loader writes every operation's records: the named system handle, audited.
  const system = AccessDb.system(db, 'demo loader');
  const existing = await db.selectFrom('operation').select('id').where('code', '=', DEMO_OPERATION_CODE).executeTakeFirst();
  if (existing) {
    const n = await system.run((t) => t.persons().select((eb) => eb.fn.countAll<string>().as('n')).where('operation_id', '=', existing.id).executeTakeFirstOrThrow());
    return { operationId: existing.id, persons: Number(n.n), created: false };
  }
  const demo = generateDemoOperation(seed);
  const operationId = randomUUID();
  await system.run(async ({ tx }) => {
    await tx.insertInto('operation').values({
      id: operationId, code: DEMO_OPERATION_CODE, name: 'DEMO — transfer from north-east Syria to Iraqi custody (synthetic data)',
      target_persons: 7000, start_date: '2026-01-21', end_date: '2026-02-28', demo: true,
    }).execute();
    const ids = new Map<string, string>();
    for (const f of demo.facilities) {
      const id = randomUUID();
      ids.set(f.code, id);
      await tx.insertInto('facility').values({
        id, operation_id: operationId, code: f.code, name: f.name, name_ar: f.nameAr, kind: f.kind, holding_authority: f.holdingAuthority,
        country: f.country, latitude: f.latitude, longitude: f.longitude, location_classification: f.locationClassification,
        capacity_certified: f.capacityCertified, capacity_working: f.capacityWorking, capacity_maximum: f.capacityMaximum,
        risk_level: f.riskLevel, classification: 'UNCLASSIFIED', demo: true,
      }).execute();
      await tx.insertInto('facility_risk').values({ facility_id: id, level: f.riskLevel, note: 'assessment at operation start (DEMO)', recorded_at: '2026-01-10T00:00:00Z', recorded_by: null }).execute();
    }
    await insertPersons(tx, demo.persons.map(({ facilityCode, plantedDuplicateOf: _d, ...p }) => ({
      ...p, facilityId: ids.get(facilityCode)!, operationId, demo: true,
    })));
    await appendAudit(tx, {
      actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action: 'demo.load', objectType: 'operation', objectId: operationId,
      outcome: 'success', details: { seed, persons: demo.persons.length, facilities: demo.facilities.length },
    });
  });
  await afterBulkLoad(db);
  await sql`analyze`.execute(db);
  return { operationId, persons: demo.persons.length, created: true };
}
