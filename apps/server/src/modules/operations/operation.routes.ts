import { randomUUID } from 'node:crypto';
import { Operation, OperationCreate } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import { appendAudit } from '../../platform/audit/audit-log';
import { ctxOf } from '../../platform/http/context';
import { conflict } from '../../platform/http/errors';
import { runMutation } from '../../platform/http/mutation';

// DATE columns arrive as a Date at local midnight (pg and PGlite alike): read them back in local time.
const isoDate = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};

export const toOperation = (r: { id: string; code: string; name: string; target_persons: number; start_date: unknown; end_date: unknown; demo: boolean }): Operation => ({
  id: r.id, code: r.code, name: r.name, targetPersons: r.target_persons, startDate: isoDate(r.start_date), endDate: isoDate(r.end_date), demo: r.demo,
});

export const operationRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/operations', {
    schema: { tags: ['operations'], response: { 200: z.array(Operation) } },
    config: { access: 'operations:read' },
  }, async () => (await db.selectFrom('operation').selectAll().orderBy('created_at').execute()).map(toOperation));

  app.post('/api/operations', {
    schema: { tags: ['operations'], body: OperationCreate, response: { 201: Operation } },
    config: { access: 'operations:write' },
  }, (req, reply) => runMutation(db, req, reply, 201, async (tx) => {
    const ctx = ctxOf(req);
    const taken = await tx.selectFrom('operation').select('id').where('code', '=', req.body.code).executeTakeFirst();
    if (taken) throw conflict(`an operation with code ${req.body.code} exists`);
    const id = randomUUID();
    const row = await tx.insertInto('operation').values({
      id, code: req.body.code, name: req.body.name, target_persons: req.body.targetPersons,
      start_date: req.body.startDate ?? null, end_date: req.body.endDate ?? null, demo: false,
    }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'operation.create', objectType: 'operation', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { code: req.body.code } });
    return toOperation(row);
  }));
};
