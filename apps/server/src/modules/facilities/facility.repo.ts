import type { Decision, Facility } from '@custodian/contracts';
import { sql } from 'kysely';
import type { AccessTx } from '../../platform/access/access-db';

const HELD = ['HELD', 'IN_TRANSIT'];

// Population counts only the persons the reader may see: a total would reveal hidden records.
function facilityRows(t: AccessTx) {
  return t.facilities()
    .selectAll('facility')
    .select((eb) => eb.selectFrom('person').select(sql<string>`count(*)`.as('n'))
      .whereRef('person.facility_id', '=', 'facility.id').where('person.status', 'in', HELD).where(t.personVisible()).as('population'));
}

export async function listFacilityRows(t: AccessTx, operationId?: string) {
  let q = facilityRows(t);
  if (operationId) q = q.where('facility.operation_id', '=', operationId);
  return q.orderBy('facility.code').execute();
}

export async function findFacilityRow(t: AccessTx, id: string) {
  return (await facilityRows(t).where('facility.id', '=', id).executeTakeFirst()) ?? null;
}

type FacilityRow = NonNullable<Awaited<ReturnType<typeof findFacilityRow>>>;

export const facilityRef = (r: FacilityRow) => ({ id: r.id, operationId: r.operation_id, classification: r.classification, locationClassification: r.location_classification });

// A field the policy hides (a location classified above the reader) is not sent at all: absent, not masked.
export function toFacility(r: FacilityRow, d: Pick<Decision, 'actions' | 'hiddenFields'>): Facility {
  const out: Facility = {
    id: r.id, operationId: r.operation_id, code: r.code, name: r.name, nameAr: r.name_ar, kind: r.kind as Facility['kind'],
    holdingAuthority: r.holding_authority, country: r.country, latitude: r.latitude, longitude: r.longitude,
    locationClassification: r.location_classification as Facility['locationClassification'],
    capacityCertified: r.capacity_certified, capacityWorking: r.capacity_working, capacityMaximum: r.capacity_maximum,
    population: Number(r.population ?? 0), riskLevel: r.risk_level as Facility['riskLevel'],
    classification: r.classification as Facility['classification'], demo: r.demo, version: r.version,
    allowedActions: d.actions, hiddenFields: [...d.hiddenFields],
  };
  for (const f of d.hiddenFields) delete (out as Record<string, unknown>)[f];
  return out;
}
