import type { Clearance, Facility } from '@custodian/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { canSee, visibleClassifications } from '../../platform/access/visibility';

type Exec = Kysely<Database> | Transaction<Database>;

const HELD = ['HELD', 'IN_TRANSIT'];

export async function listFacilityRows(db: Exec, clearance: Clearance, operationId?: string) {
  let q = db.selectFrom('facility')
    .selectAll('facility')
    .select((eb) => eb.selectFrom('person').select(sql<string>`count(*)`.as('n'))
      .whereRef('person.facility_id', '=', 'facility.id').where('person.status', 'in', HELD).as('population'))
    .where('facility.classification', 'in', visibleClassifications(clearance));
  if (operationId) q = q.where('facility.operation_id', '=', operationId);
  return q.orderBy('facility.code').execute();
}

export async function findFacilityRow(db: Exec, id: string, clearance: Clearance) {
  const rows = await db.selectFrom('facility')
    .selectAll('facility')
    .select((eb) => eb.selectFrom('person').select(sql<string>`count(*)`.as('n'))
      .whereRef('person.facility_id', '=', 'facility.id').where('person.status', 'in', HELD).as('population'))
    .where('facility.id', '=', id)
    .where('facility.classification', 'in', visibleClassifications(clearance))
    .execute();
  return rows[0] ?? null;
}

type FacilityRow = Awaited<ReturnType<typeof findFacilityRow>> & object;

// A location classified above the reader is not sent at all: absent, not masked.
export function toFacility(r: FacilityRow, clearance: Clearance): Facility {
  const showLocation = canSee(clearance, r.location_classification);
  return {
    id: r.id, operationId: r.operation_id, code: r.code, name: r.name, nameAr: r.name_ar, kind: r.kind as Facility['kind'],
    holdingAuthority: r.holding_authority, country: r.country,
    latitude: showLocation ? r.latitude : null, longitude: showLocation ? r.longitude : null,
    locationClassification: r.location_classification as Facility['locationClassification'],
    capacityCertified: r.capacity_certified, capacityWorking: r.capacity_working, capacityMaximum: r.capacity_maximum,
    population: Number(r.population ?? 0), riskLevel: r.risk_level as Facility['riskLevel'],
    classification: r.classification as Facility['classification'], demo: r.demo, version: r.version,
  };
}
