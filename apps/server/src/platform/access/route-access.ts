import type { LoginStep, Permission } from '@custodian/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../http/errors';
import { actorFromSession, type Actor } from './actor';
import { AccessDb, RecordDenied } from './access-db';

// 'public': no login (health, login itself). 'authenticated': any signed-in user. Otherwise one permission.
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    // Login steps during which a session may call this route (the steps themselves, me, logout).
    // Every other route needs a session that has finished signing in.
    loginSteps?: LoginStep[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    // The database handle bound to this request's actor (platform/access/access-db.ts).
    access: AccessDb | null;
  }
  interface FastifyInstance {
    // Every route with its declared access, for the test that pins what is public.
    routeAccess: { method: string; url: string; access: Access }[];
  }
}

export const SESSION_COOKIE_SECURE = '__Host-custodian_session';
export const SESSION_COOKIE_PLAIN = 'custodian_session';

export function sessionCookieName(config: Config): string {
  return config.cookieSecure === 'false' ? SESSION_COOKIE_PLAIN : SESSION_COOKIE_SECURE;
}

const STEP_MESSAGE: Record<LoginStep, string> = {
  'second-factor': 'enter the code from your authenticator app or use your passkey first (POST /api/auth/totp/verify)',
  'change-password': 'change your one-time password first (POST /api/auth/password)',
  'enrol-second-factor': 'set up a second factor first (POST /api/auth/totp/setup, then /api/auth/totp/confirm)',
};

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'sign in first');
  return req.actor;
}

/** The request's actor-bound database handle; the only way a route reaches persons and facilities. */
export function accessOf(req: FastifyRequest): AccessDb {
  if (!req.access) throw new AppError('unauthenticated', 'sign in first');
  return req.access;
}

async function auditDenial(db: Db, req: FastifyRequest, reason: string): Promise<void> {
  await appendAudit(db, {
    actorId: req.actor?.id ?? null, actor: req.actor?.username ?? 'anonymous', action: 'access.denied',
    objectType: 'route', objectId: `${req.method} ${req.routeOptions.url ?? req.url}`, outcome: 'denied', requestId: req.id,
    details: { reason },
  });
}

// Deny by default: a route that does not declare its access stops the server at boot.
export function registerRouteAccess(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('access', null);
  // A record denied to its actor is audited after the request's transaction rolled back, so the row stays.
  app.addHook('onError', async (req, _reply, err) => {
    if (!(err instanceof RecordDenied)) return;
    await appendAudit(db, {
      actorId: req.actor?.id ?? null, actor: req.actor?.username ?? 'anonymous', action: 'access.denied',
      objectType: err.objectType, objectId: err.objectId, outcome: 'denied', requestId: req.id,
      details: { reason: err.reason, route: `${req.method} ${req.routeOptions.url ?? req.url}` },
    });
  });
  const table: { method: string; url: string; access: Access }[] = [];
  app.decorate('routeAccess', table);
  app.addHook('onRoute', (route) => {
    // The API documentation is public by design: it describes the API, not the data.
    if (route.url.startsWith('/api/docs') && !route.config?.access) route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access (config.access); refusing to start`);
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access });
  });
  // Before validation: a caller without access learns nothing about what a valid request looks like.
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return; // 404 handler and static assets carry no route config
    const token = req.cookies?.[sessionCookieName(config)];
    req.actor = token ? await actorFromSession(db, token, config.sessionIdleMs) : null;
    if (access === 'public') return;
    if (!req.actor) {
      await auditDenial(db, req, 'not signed in');
      throw new AppError('unauthenticated', 'sign in first');
    }
    const step = req.actor.next;
    if (step && !req.routeOptions.config.loginSteps?.includes(step)) {
      await auditDenial(db, req, `login step owed: ${step}`);
      throw new AppError('forbidden', STEP_MESSAGE[step]);
    }
    if (access !== 'authenticated' && !req.actor.permissions.has(access)) {
      await auditDenial(db, req, `missing permission ${access}`);
      throw new AppError('forbidden', `your role does not grant ${access}`);
    }
    req.access = AccessDb.forActor(db, req.actor);
  });
}
