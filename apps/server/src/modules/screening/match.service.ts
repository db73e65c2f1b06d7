import { match, MatchQuerySchema, MatchResultSchema, OPERATING_THRESHOLD, type MatchRequest } from '@custodian/screening';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import type { Ctx } from '../../platform/http/context';
import { appendAudit } from '../../platform/audit/audit-log';
import { currentScreeningIndex } from './screening-index';

export const MatchOptionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(5).describe('Results per query, as in yente'),
  threshold: z.coerce.number().min(0).max(1).default(OPERATING_THRESHOLD).describe('Score at or above which a result is a match'),
  algorithm: z.string().max(40).optional().describe('Accepted for yente clients; Custodian has one matcher'),
});

// yente's /match answer: per query its status, results, total and the query as understood.
export const MatchResponseBody = z.object({
  responses: z.record(z.string(), z.object({
    status: z.literal(200),
    results: z.array(MatchResultSchema.extend({ target: z.boolean(), referents: z.array(z.string()) })),
    total: z.object({ value: z.number().int(), relation: z.literal('eq') }),
    query: MatchQuerySchema,
  })),
  matcher: z.object({ name: z.string(), threshold: z.number() }),
  limit: z.number().int(),
});
type MatchResponseBody = z.infer<typeof MatchResponseBody>;

/** Screens yente-style queries against the current lists; audited like a registry search (queries name persons). */
export async function screenMatchRequest(db: Db, ctx: Ctx, body: MatchRequest, q: z.infer<typeof MatchOptionsQuery>): Promise<MatchResponseBody> {
  const current = await currentScreeningIndex(db);
  const answer = match(current.index, body, { limit: q.limit, threshold: q.threshold });
  const responses: MatchResponseBody['responses'] = {};
  for (const [key, r] of Object.entries(answer.responses)) {
    responses[key] = {
      status: 200, results: r.results.map((x) => ({ ...x, target: true, referents: [] })),
      total: { value: r.total.value, relation: 'eq' }, query: MatchQuerySchema.parse(body.queries[key]),
    };
  }
  await appendAudit(db, {
    actorId: ctx.actor.id, actor: ctx.actor.username, action: 'screening.match', objectType: 'screening_query', objectId: null,
    outcome: 'success', requestId: ctx.requestId,
    details: {
      queries: Object.fromEntries(Object.entries(body.queries).map(([k, v]) => [k, v.properties])),
      matches: Object.fromEntries(Object.entries(responses).map(([k, v]) => [k, v.results.filter((x) => x.match).map((x) => x.id)])),
      lists: Object.fromEntries([...current.versions].map(([s, v]) => [s, v.publishedOn])),
    },
  });
  return { responses, matcher: { name: 'custodian-screening', threshold: q.threshold }, limit: q.limit };
}
