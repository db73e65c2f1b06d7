import { User, UserCreate, type Clearance, type Role } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { runMutation } from '../../platform/http/mutation';
import { createUser, setUserDisabled } from './user.service';

export const userRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/users', { schema: { tags: ['users'], response: { 200: z.array(User) } }, config: { access: 'users:admin' } }, async () =>
    (await db.selectFrom('app_user').selectAll().orderBy('username').execute()).map((u) => ({
      id: u.id, username: u.username, displayName: u.display_name, roles: u.roles as Role[], clearance: u.clearance as Clearance, disabled: u.disabled,
    })));

  app.post('/api/users', { schema: { tags: ['users'], body: UserCreate, response: { 201: User } }, config: { access: 'users:admin' } },
    (req, reply) => runMutation(db, req, reply, 201, (tx) => createUser(tx, ctxOf(req), req.body)));

  app.post('/api/users/:id/disable', {
    schema: { tags: ['users'], params: z.object({ id: z.string().uuid() }), body: z.object({ disabled: z.boolean() }), response: { 200: User } },
    config: { access: 'users:admin' },
  }, (req, reply) => runMutation(db, req, reply, 200, (tx) => setUserDisabled(tx, ctxOf(req), req.params.id, req.body.disabled)));
};
