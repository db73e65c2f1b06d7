import { Dashboard } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import { accessOf } from '../../platform/access/route-access';
import type { AccessTx } from '../../platform/access/access-db';
import { listFacilitiesIn } from '../facilities/facility.service';
import { toOperation } from '../operations/operation.routes';
import { countryName } from '../reference/countries';

const STATUS_LABEL: Record<string, string> = { HELD: 'Held', IN_TRANSIT: 'In transit', TRANSFERRED: 'Transferred', RELEASED: 'Released', REPATRIATED: 'Repatriated', ESCAPED: 'Escaped', DECEASED: 'Deceased' };

// Figures are computed from the registry on every call: a dashboard that can drift from the
// records it summarises is worse than none.
// Figures count only what the reader may see: a total would reveal records hidden from them.
async function buildDashboard(t: AccessTx, operationId?: string): Promise<Dashboard> {
  const opRow = operationId
    ? await t.operations().selectAll().where('id', '=', operationId).executeTakeFirst()
    : await t.operations().selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  const base = () => {
    let q = t.persons();
    if (opRow) q = q.where('operation_id', '=', opRow.id);
    return q;
  };
  const group = async (col: 'status' | 'risk_class') =>
    (await base().select([col, sql<string>`count(*)`.as('n')]).groupBy(col).execute()).map((r) => ({ key: String(r[col]), n: Number(r.n) }));
  const [statuses, risks, nats, totals, facilities] = await Promise.all([
    group('status'),
    group('risk_class'),
    base().select([sql<string>`unnest(nationality_codes)`.as('c'), sql<string>`count(*)`.as('n')]).groupBy('c').orderBy('n', 'desc').execute(),
    base().select([sql<string>`count(*)`.as('all'), sql<string>`count(*) filter (where status in ('HELD','IN_TRANSIT'))`.as('held'), sql<string>`count(*) filter (where cardinality(flags) > 0)`.as('flagged')]).executeTakeFirstOrThrow(),
    listFacilitiesIn(t, opRow?.id),
  ]);
  const riskOrder = ['HVD', 'HIGH', 'MEDIUM', 'LOW'];
  return {
    operation: opRow ? (({ id, code, name, targetPersons, demo }) => ({ id, code, name, targetPersons, demo }))(toOperation(opRow, t.operation(opRow))) : null,
    totals: { persons: Number(totals.all), held: Number(totals.held), facilities: facilities.length, flagged: Number(totals.flagged) },
    byStatus: statuses.map((s) => ({ key: s.key, label: STATUS_LABEL[s.key] ?? s.key, count: s.n })).sort((a, b) => b.count - a.count),
    byRiskClass: riskOrder.map((k) => ({ key: k, label: k === 'HVD' ? 'HVD' : k[0] + k.slice(1).toLowerCase(), count: risks.find((r) => r.key === k)?.n ?? 0 })),
    byNationality: nats.map((r) => ({ key: r.c, label: countryName(r.c), count: Number(r.n) })),
    byFacility: facilities.map((f) => ({
      id: f.id, name: f.name, kind: f.kind, population: f.population, capacityWorking: f.capacityWorking,
      capacityMaximum: f.capacityMaximum, riskLevel: f.riskLevel, latitude: f.latitude ?? null, longitude: f.longitude ?? null,
    })),
  };
}

export const dashboardRoutes = (_db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/dashboard', {
    schema: { tags: ['dashboard'], querystring: z.object({ operationId: z.string().uuid().optional() }), response: { 200: Dashboard } },
    config: { access: 'operations:read' },
  }, (req) => accessOf(req).run((t) => buildDashboard(t, req.query.operationId)));
};
