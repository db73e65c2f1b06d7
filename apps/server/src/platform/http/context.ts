import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { requireActor } from '../access/route-access';

// What a service needs to know about who is asking: passed explicitly, never read from globals.
export type Ctx = { actor: Pick<Actor, 'id' | 'username' | 'clearance' | 'permissions' | 'roles'>; requestId: string };

export const ctxOf = (req: FastifyRequest): Ctx => ({ actor: requireActor(req), requestId: req.id });
