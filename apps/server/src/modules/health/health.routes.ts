import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DbHandle } from '../../platform/db/connect';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  engine: z.enum(['pglite', 'postgres']),
  durable: z.boolean().describe('False on embedded PGlite and on a server without fsync/synchronous_commit/full_page_writes'),
  durabilityNote: z.string(),
  settings: z.record(z.string(), z.string()),
});

export const healthRoutes = (h: DbHandle): FastifyPluginAsyncZod => async (app) => {
  app.get('/health', { schema: { tags: ['health'], response: { 200: Health, 503: Health } }, config: { access: 'public' } }, async (_req, reply) => {
    const base = { engine: h.engine, durable: h.durability.durable, durabilityNote: h.durability.note, settings: h.durability.settings };
    try {
      await sql`select 1`.execute(h.db);
      return { status: 'ok' as const, ...base };
    } catch {
      void reply.code(503);
      return { status: 'degraded' as const, ...base };
    }
  });
};
