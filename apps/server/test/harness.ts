// Test harness: a real PostgreSQL engine per test file — PGlite in memory by default, or a fresh
// database on the server named by TEST_DATABASE_URL (`npm run test:pg`). No mocks.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Clearance, Role } from '@custodian/contracts';
import { loadConfig, type Config } from '../src/config';
import { buildApp } from '../src/app';
import { openPglite, openPostgres, type DbHandle } from '../src/platform/db/connect';
import { SYSTEM_ACTOR } from '../src/platform/access/actor';
import { createUser } from '../src/modules/users/user.service';
import { createFacility } from '../src/modules/facilities/facility.service';
import { AccessDb } from '../src/platform/access/access-db';
import { setAssignments } from '../src/platform/access/assignments';
import { CSRF_HEADER } from '../src/platform/http/csrf';
import { totpCode, totpStep, TOTP_PERIOD_MS } from '../src/platform/auth/totp';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PASSWORD = 'correct horse battery staple';

export type TestUser = { id: string; username: string; cookie: string; totpSecret: string };

export type Harness = {
  app: FastifyInstance;
  handle: DbHandle;
  engine: 'pglite' | 'postgres';
  /** The server's configuration (its data directory, key directory…). */
  config: Config;
  /**
   * A signed-in user who has enrolled TOTP through the API: `cookie` is a complete session.
   * Need-to-know: by default the user works on every operation this harness makes (before or
   * after); `{ assigned: false }` gives a user with no assignment at all.
   */
  user: (roles: Role[], clearance?: Clearance, opts?: { assigned?: boolean }) => Promise<TestUser>;
  /** Replaces what a user works on (as PUT /api/users/:id/assignments would). */
  assign: (userId: string, a: { operationIds?: string[]; facilityIds?: string[] }) => Promise<void>;
  /** Password, then a fresh TOTP code (each code works once: it waits for the next period if it must). */
  login: (u: { username: string; totpSecret: string }, password?: string) => Promise<string>;
  /** The next unused TOTP code for a secret, and the step it belongs to marked as used. */
  nextCode: (secret: string) => Promise<string>;
  /** app.inject as a browser on another site would call it: without the web app's CSRF header. */
  rawInject: FastifyInstance['inject'];
  cookieName: string;
  operation: () => Promise<{ operationId: string; facilityId: string }>;
  auditRows: (action?: string) => Promise<{ seq: string; action: string; outcome: string; object_id: string | null; actor: string; request_id: string | null; details: unknown }[]>;
  close: () => Promise<void>;
};

/** A new, empty database on the server at `url`, and how to drop it. */
export async function freshServerDatabase(url: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try { await c.query(statement); } finally { await c.end(); }
  };
  await run(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return { url: dbUrl.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

async function openTestDb(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { handle: await openPglite(null), drop: async () => {} };
  const fresh = await freshServerDatabase(url, 'custodian_test');
  return { handle: await openPostgres(fresh.url, { requireDurable: false, max: 10 }), drop: fresh.drop };
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const { handle, drop } = await openTestDb();
  // Every test request comes from one address: the per-address login limit has its own test (R18).
  // Each harness has its own data directory: the audit witness copies, the signing key and the
  // biometric keys of one test database must not meet another's (a shared witness would say "truncated").
  const dataDir = mkdtempSync(path.join(tmpdir(), 'custodian-test-'));
  const config = loadConfig({ CUSTODIAN_PROFILE: 'test', DATA_DIR: dataDir, LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000', ...env });
  const app = await buildApp({ handle, config });
  await app.ready();
  const cookieName = config.cookieSecure === 'false' ? 'custodian_session' : '__Host-custodian_session';
  // Every request carries the header the web app's fetch wrapper sends; rawInject is the browser of another site.
  const rawInject = app.inject.bind(app) as FastifyInstance['inject'];
  (app as { inject: unknown }).inject = (opts: any, cb?: any) => {
    const o = typeof opts === 'string' ? { url: opts } : opts;
    return (rawInject as any)(o ? { ...o, headers: { [CSRF_HEADER]: '1', ...o.headers } } : o, cb);
  };
  const cookieOf = (res: LightMyRequestResponse, step: string): string => {
    if (res.statusCode !== 200) throw new Error(`${step} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === cookieName);
    if (!c) throw new Error(`${step} set no session cookie`);
    return `${cookieName}=${c.value}`;
  };
  const usedStep = new Map<string, number>();
  const nextCode = async (secret: string) => {
    const last = usedStep.get(secret) ?? -1;
    // The server accepts one step either side of now and each step once.
    while (last + 1 > totpStep() + 1) await new Promise((r) => setTimeout(r, 500));
    const at = Math.max(Date.now(), (last + 1) * TOTP_PERIOD_MS);
    usedStep.set(secret, totpStep(at));
    return totpCode(secret, at);
  };
  const login = async (u: { username: string; totpSecret: string }, password = PASSWORD) => {
    const first = cookieOf(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password } }), 'login');
    const code = await nextCode(u.totpSecret);
    return cookieOf(await app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: { cookie: first }, payload: { code } }), 'second factor');
  };
  let n = 0;
  const system = AccessDb.system(handle.db, 'test harness');
  const operations: string[] = [];
  const assignedUsers: string[] = [];
  const assign = (userId: string, a: { operationIds?: string[]; facilityIds?: string[] }) => system.run(async (t) => {
    await setAssignments(t, { actor: SYSTEM_ACTOR, requestId: 'test' }, userId, { operationIds: a.operationIds ?? [], facilityIds: a.facilityIds ?? [] });
  });
  return {
    app, handle, engine: handle.engine, config, assign, rawInject, cookieName, login, nextCode,
    user: async (roles, clearance = 'SECRET', opts = {}) => {
      const username = `u${++n}-${roles[0]!.toLowerCase().replaceAll('_', '-')}`.slice(0, 60);
      const u = await handle.db.transaction().execute((tx) =>
        createUser(tx, { actor: SYSTEM_ACTOR, requestId: 'test' }, { username, displayName: username, roles, clearance, password: PASSWORD, mustChangePassword: false }));
      if (opts.assigned !== false) {
        assignedUsers.push(u.id);
        if (operations.length) await assign(u.id, { operationIds: operations });
      }
      // The real enrolment: password, then a TOTP secret from the server, confirmed with a code computed from it.
      const first = cookieOf(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } }), 'login');
      const setup = await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: first } });
      if (setup.statusCode !== 200) throw new Error(`TOTP setup failed: ${setup.body}`);
      const totpSecret = (JSON.parse(setup.body) as { secret: string }).secret;
      const code = await nextCode(totpSecret);
      const cookie = cookieOf(await app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers: { cookie: first }, payload: { code } }), 'TOTP confirmation');
      return { id: u.id, username, cookie, totpSecret };
    },
    operation: async () => {
      const operationId = randomUUID();
      await handle.db.insertInto('operation').values({ id: operationId, code: `OP-${operationId.slice(0, 8)}`, name: 'Test operation', target_persons: 10, demo: false }).execute();
      operations.push(operationId);
      for (const u of assignedUsers) await assign(u, { operationIds: operations });
      const f = await handle.db.transaction().execute((tx) => createFacility(system, tx, { actor: SYSTEM_ACTOR, requestId: 'test' }, operationId, {
        code: 'PRISON-A', name: 'Test prison A', kind: 'PRISON', holdingAuthority: 'Test authority', country: 'SYR',
        latitude: 36.5, longitude: 40.7, locationClassification: 'UNCLASSIFIED', capacityCertified: 100, capacityWorking: 120, capacityMaximum: 150, riskLevel: 'HIGH',
      }));
      return { operationId, facilityId: f.id };
    },
    auditRows: async (action) => {
      let q = handle.db.selectFrom('audit_log').select(['seq', 'action', 'outcome', 'object_id', 'actor', 'request_id', 'details']).orderBy('seq');
      if (action) q = q.where('action', '=', action);
      return q.execute();
    },
    close: async () => {
      await app.close();
      await handle.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const body = <T = any>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

export function samplePerson(facilityId: string, over: Record<string, unknown> = {}) {
  return {
    names: [
      { kind: 'PRIMARY', script: 'Latn', full: 'Yusuf Khalid al-Hasan', parts: { given: 'Yusuf', father: 'Khalid', family: 'al-Hasan' } },
      { kind: 'SPELLING', script: 'Arab', full: 'يوسف خالد الحسن' },
      { kind: 'KUNYA', script: 'Latn', full: 'Abu Hamza' },
    ],
    identifiers: [{ scheme: 'ROSTER:TEST', value: `T-${randomUUID().slice(0, 8)}` }],
    sex: 'M',
    dateOfBirth: { kind: 'YEAR', year: 1988 },
    nationalities: [{ country: 'TUN', status: 'CLAIMED' }],
    riskClass: 'HIGH',
    facilityId,
    intake: {
      grounds: 'Suspected membership of an armed group (test)', orderingAuthority: 'Test ordering authority',
      responsibleAuthority: 'Test prison administration', arrestDate: '2019-03-20', arrestPlace: 'Baghuz', admittedAt: '2019-04-01T08:00:00.000Z',
    },
    ...over,
  };
}
