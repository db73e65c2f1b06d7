import { ClearanceGrant, User, UserClearanceUpdate, UserCreate, UserCreated, UserRolesUpdate } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { runMutation } from '../../platform/http/mutation';
import { appendAudit } from '../../platform/audit/audit-log';
import { createUserByAdmin, listUsers, resetMfa, setUserClearance, setUserDisabled, setUserRoles } from './user.service';
import { decideClearanceGrant, listClearanceGrants } from './clearance-grant.service';

const ById = z.object({ id: z.string().uuid() });
const access = { access: 'users:admin' as const };

export const userRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/users', { schema: { tags: ['users'], response: { 200: z.array(User) } }, config: access }, async (req) => {
    const ctx = ctxOf(req);
    // Who holds which rights is itself sensitive: the read is audited.
    return db.transaction().execute(async (tx) => {
      await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.list', objectType: 'user', outcome: 'success', requestId: ctx.requestId });
      return listUsers(tx);
    });
  });

  app.post('/api/users', { schema: { tags: ['users'], body: UserCreate, response: { 201: UserCreated } }, config: access },
    (req, reply) => runMutation(db, req, reply, 201, (tx) => createUserByAdmin(tx, ctxOf(req), req.body)));

  app.post('/api/users/:id/disable', {
    schema: { tags: ['users'], params: ById, body: z.object({ disabled: z.boolean() }), response: { 200: User } }, config: access,
  }, (req, reply) => runMutation(db, req, reply, 200, (tx) => setUserDisabled(tx, ctxOf(req), req.params.id, req.body.disabled)));

  app.post('/api/users/:id/roles', { schema: { tags: ['users'], params: ById, body: UserRolesUpdate, response: { 200: User } }, config: access },
    (req, reply) => runMutation(db, req, reply, 200, (tx) => setUserRoles(tx, ctxOf(req), req.params.id, req.body.roles)));

  app.post('/api/users/:id/clearance', { schema: { tags: ['users'], params: ById, body: UserClearanceUpdate, response: { 200: User } }, config: access },
    (req, reply) => runMutation(db, req, reply, 200, (tx) => setUserClearance(tx, ctxOf(req), req.params.id, req.body.clearance)));

  app.post('/api/users/:id/mfa-reset', { schema: { tags: ['users'], params: ById, response: { 200: User } }, config: access },
    (req, reply) => runMutation(db, req, reply, 200, (tx) => resetMfa(tx, ctxOf(req), req.params.id)));

  app.get('/api/clearance-grants', {
    schema: { tags: ['users'], querystring: z.object({ status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).optional() }), response: { 200: z.array(ClearanceGrant) } }, config: access,
  }, async (req) => {
    const ctx = ctxOf(req);
    return db.transaction().execute(async (tx) => {
      await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.clearance_grants', objectType: 'clearance_grant', outcome: 'success', requestId: ctx.requestId });
      return listClearanceGrants(tx, req.query.status);
    });
  });

  app.post('/api/clearance-grants/:id/decision', {
    schema: { tags: ['users'], params: ById, body: z.object({ approve: z.boolean() }), response: { 200: ClearanceGrant } }, config: access,
  }, (req, reply) => runMutation(db, req, reply, 200, (tx) => decideClearanceGrant(tx, ctxOf(req), req.params.id, req.body.approve)));
};
