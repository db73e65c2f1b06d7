import { randomUUID } from 'node:crypto';
import { Operation, OperationCreate } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import { appendAudit } from '../../platform/audit/audit-log';
import { ctxOf } from '../../platform/http/context';
import { conflict } from '../../platform/http/errors';
import { runMutation } from '../../platform/http/mutation';
import { accessOf } from '../../platform/access/route-access';
import { operationPolicy, type Decision } from '@custodian/contracts';
import { SYSTEM_ACTOR } from '../../platform/access/actor';

// DATE columns arrive as a Date at local midnight (pg and PGlite alike): read them back in local time.
const isoDate = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};

export const toOperation = (r: { id: string; code: string; name: string; target_persons: number; start_date: unknown; end_date: unknown; demo: boolean }, d: Pick<Decision, 'actions'>): Operation => ({
  id: r.id, code: r.code, name: r.name, targetPersons: r.target_persons, startDate: isoDate(r.start_date), endDate: isoDate(r.end_date), demo: r.demo,
  allowedActions: d.actions,
});

export const operationRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/operations', {
    schema: { tags: ['operations'], response: { 200: z.array(Operation) } },
    config: { access: 'operations:read' },
  }, (req) => accessOf(req).run(async (t) =>
    (await t.operations().selectAll().orderBy('created_at').execute()).map((r) => toOperation(r, t.operation(r)))));

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
    // The planner who opens an operation works on it: without this they could not see what they made.
    if (ctx.actor.id !== SYSTEM_ACTOR.id) {
      await tx.insertInto('user_operation_assignment').values({ user_id: ctx.actor.id, operation_id: id, assigned_by: ctx.actor.id }).execute();
    }
    await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'operation.create', objectType: 'operation', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { code: req.body.code } });
    const actor = { ...accessOf(req).actor, assignments: { ...accessOf(req).actor.assignments, operationIds: [...accessOf(req).actor.assignments.operationIds, id] } };
    return toOperation(row, operationPolicy(actor, row));
  }));
};
