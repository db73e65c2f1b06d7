// R4, complete coverage: every API request leaves exactly one audit row. Handlers that know what
// they did write their own (person.read, auth.login, access.denied, …) in the transaction of the
// change; for every other request — a listing, a schema error, an unknown id, a replayed
// Idempotency-Key, a rate-limited login, a route that does not exist — this hook writes one before
// the answer leaves. If that write fails, the request fails with a 500 instead of answering
// unaudited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../db/connect';
import { actorFromSession } from '../access/actor';
import { sessionCookieName } from '../access/route-access';
import { problem } from '../http/errors';
import { appendAudit, auditWritesFor, trackAuditFor, untrackAuditFor, type AuditEntry } from './audit-log';

declare module 'fastify' {
  interface FastifyRequest {
    auditSettled?: boolean;
  }
}

// Not audited: the health probe, the web app's files and the API documentation. None carries data
// about anyone, and a load balancer's probe every few seconds would bury the log.
export function isAuditedPath(url: string): boolean {
  const p = url.split('?')[0] ?? '';
  if (!p.startsWith('/api/')) return false;
  return !(p === '/api/docs' || p.startsWith('/api/docs/'));
}

export function outcomeOf(status: number): AuditEntry['outcome'] {
  if (status < 400) return 'success';
  if (status === 401 || status === 403 || status === 429) return 'denied';
  if (status >= 500) return 'error';
  return 'failed';
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function problemCode(payload: unknown): string | undefined {
  if (typeof payload !== 'string' || !payload.startsWith('{"type":"https://custodian.invalid/problems/')) return undefined;
  return /"code":"([a-z_]+)"/.exec(payload)?.[1];
}

async function writeFallback(db: Db, config: Config, req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  let actor = req.actor;
  if (!actor) {
    const token = req.cookies?.[sessionCookieName(config)];
    if (token) actor = await actorFromSession(db, token, config.sessionIdleMs).catch(() => null);
  }
  const route = req.routeOptions?.url ? `${req.method} ${req.routeOptions.url}` : null;
  const params = (req.params && typeof req.params === 'object' ? req.params : {}) as Record<string, unknown>;
  const id = typeof params.id === 'string' && ID.test(params.id) ? params.id : null;
  const code = problemCode(payload);
  await appendAudit(db, {
    actorId: actor?.id ?? null, actor: actor?.username ?? 'anonymous', action: 'request', objectType: 'route',
    objectId: route ?? `${req.method} (no route)`, outcome: outcomeOf(reply.statusCode), requestId: req.id,
    details: { status: reply.statusCode, ...(code ? { code } : {}), ...(id ? { id } : {}), ...(route ? {} : { path: (req.url.split('?')[0] ?? '').slice(0, 200) }) },
  });
}

export function registerAuditCoverage(app: FastifyInstance, db: Db, config: Config): void {
  app.addHook('onRequest', async (req) => {
    if (isAuditedPath(req.url)) trackAuditFor(req.id);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.auditSettled || !isAuditedPath(req.url)) return payload;
    req.auditSettled = true; // once: the 500 for a failed audit write passes through here again
    let written = auditWritesFor(req.id) > 0;
    // A row written in a transaction that then rolled back is no row: check for error answers.
    if (written && reply.statusCode >= 400) {
      written = !!(await db.selectFrom('audit_log').select('seq').where('request_id', '=', req.id).limit(1).executeTakeFirst());
    }
    if (written) return payload;
    try {
      await writeFallback(db, config, req, reply, payload);
      return payload;
    } catch (err) {
      // Unaudited, nothing leaves: the payload is replaced by a 500 before a byte is sent.
      req.log.error({ err }, 'audit write failed; answer withheld');
      for (const h of ['etag', 'content-disposition', 'content-length']) reply.removeHeader(h);
      void reply.code(500).type('application/problem+json');
      return JSON.stringify(problem('internal', 'the audit record could not be written, so the answer is withheld', req.id));
    }
  });
  app.addHook('onResponse', async (req) => { untrackAuditFor(req.id); });
  app.addHook('onRequestAbort', async (req) => { untrackAuditFor(req.id); });
}
