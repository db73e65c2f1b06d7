import { UserAssignmentsUpdate, UserAssignmentsView } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connect';
import { ctxOf } from '../http/context';
import { runMutation } from '../http/mutation';
import { readAssignments, setAssignments } from './assignments';
import { accessOf } from './route-access';

const UserId = z.object({ id: z.string().uuid() });

// What a user works on. The user-administration screens call these; only administrators may.
export const assignmentRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/users/:id/assignments', {
    schema: { tags: ['users'], summary: 'The operations and facilities a user works on', params: UserId, response: { 200: UserAssignmentsView } },
    config: { access: 'users:admin' },
  }, (req) => readAssignments(db, req.params.id));

  app.put('/api/users/:id/assignments', {
    schema: { tags: ['users'], summary: 'Replace the operations and facilities a user works on (audited)', params: UserId, body: UserAssignmentsUpdate, response: { 200: UserAssignmentsView } },
    config: { access: 'users:admin' },
  }, (req, reply) => runMutation(db, req, reply, 200, async (tx) => setAssignments(await accessOf(req).bind(tx), ctxOf(req), req.params.id, req.body)));
};
