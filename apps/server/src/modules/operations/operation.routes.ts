import { Operation } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';

export const toOperation = (r: { id: string; code: string; name: string; target_persons: number; start_date: unknown; end_date: unknown; demo: boolean }): Operation => ({
  id: r.id, code: r.code, name: r.name, targetPersons: r.target_persons,
  startDate: r.start_date ? String(r.start_date instanceof Date ? r.start_date.toISOString() : r.start_date).slice(0, 10) : null,
  endDate: r.end_date ? String(r.end_date instanceof Date ? r.end_date.toISOString() : r.end_date).slice(0, 10) : null,
  demo: r.demo,
});

export const operationRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/operations', {
    schema: { tags: ['operations'], response: { 200: z.array(Operation) } },
    config: { access: 'operations:read' },
  }, async () => (await db.selectFrom('operation').selectAll().orderBy('created_at').execute()).map(toOperation));
};
