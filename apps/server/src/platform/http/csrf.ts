import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/audit-log';
import { actorFromSession } from '../access/actor';
import { sessionCookieName } from '../access/route-access';
import { AppError } from './errors';

// The web app's fetch wrapper sends this on every request. A cross-site form cannot set a header,
// and a cross-site script cannot either without a CORS preflight, which this server never grants.
export const CSRF_HEADER = 'x-custodian-csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function refusal(req: FastifyRequest, config: Config): string | null {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `cross-site request (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try { host = new URL(String(origin)).host; } catch { /* "null" or garbage: not ours */ }
    const ours = host !== null && (host === req.headers.host || (config.publicOrigin !== null && String(origin) === config.publicOrigin));
    if (!ours) return `foreign Origin ${String(origin).slice(0, 100)}`;
  }
  if (req.headers[CSRF_HEADER] !== '1') return `missing ${CSRF_HEADER} header`;
  return null;
}

/** Every state-changing API request must come from this app's own pages (R20); refusals are audited. */
export function registerCsrfProtection(app: FastifyInstance, db: Db, config: Config): void {
  app.addHook('onRequest', async (req) => {
    if (SAFE.has(req.method) || !req.url.startsWith('/api/')) return;
    const reason = refusal(req, config);
    if (!reason) return;
    const token = req.cookies?.[sessionCookieName(config)];
    const actor = token ? await actorFromSession(db, token, config.sessionIdleMs) : null;
    await appendAudit(db, {
      actorId: actor?.id ?? null, actor: actor?.username ?? 'anonymous', action: 'access.denied', objectType: 'route',
      objectId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`.slice(0, 300), outcome: 'denied', requestId: req.id,
      details: { reason: `csrf: ${reason}` },
    });
    throw new AppError('forbidden', `cross-site request refused: ${reason}`);
  });
}
