// R4, complete coverage: every API route, called with good input and with each bad outcome it can
// have (401, 403, 404, 409, 412, 422, 428), writes exactly one audit row naming actor, action,
// object, outcome, UTC time and request id. A route missing from the table below fails the test,
// so a new route must say how it is exercised. Sensitive reads are audited before data leaves:
// when the audit write fails, the request fails and no data goes out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { ROLES, ROLE_PERMISSIONS } from '@custodian/contracts';
import type { InjectOptions } from 'fastify';
import { outcomeOf } from '../src/platform/audit/audit-coverage';
import { body, PASSWORD, samplePerson, startHarness, type Harness, type TestUser } from './harness';
import { unXml, FULANI, TESTI } from './screening-fixtures';
import { createUser } from '../src/modules/users/user.service';
import { SYSTEM_ACTOR } from '../src/platform/access/actor';
import { SoftAuthenticator } from './webauthn-authenticator';

let h: Harness;

// WebAuthn: a software authenticator's registration answer to a fresh challenge of this user's session.
async function softRegistration(u: User) {
  const opts = body(await h.app.inject({ method: 'POST', url: '/api/auth/webauthn/register/options', headers: { cookie: u.cookie } }));
  return new SoftAuthenticator().register(opts, { origin: h.config.webauthnOrigin, rpId: h.config.webauthnRpId });
}
async function passwordStep(u: { username: string }): Promise<User & { id: string }> {
  const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: PASSWORD } });
  return { id: body(res).id, username: u.username, cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
/** A user with a registered key, half-way through signing in (owing the second factor). */
async function withKeyHalfway(f: Fixture) {
  const u = await f.throwaway();
  const key = new SoftAuthenticator();
  const opts = body(await h.app.inject({ method: 'POST', url: '/api/auth/webauthn/register/options', headers: { cookie: u.cookie } }));
  const reg = await h.app.inject({ method: 'POST', url: '/api/auth/webauthn/register', headers: { cookie: u.cookie }, payload: { name: 'k', response: key.register(opts, { origin: h.config.webauthnOrigin, rpId: h.config.webauthnRpId }) } });
  assert.equal(reg.statusCode, 201, reg.body);
  return { u, key, half: await passwordStep(u) };
}
let dir: string;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'custodian-r4-'));
  h = await startHarness({ AUDIT_SIGNING_KEY_FILE: path.join(dir, 'key.pem'), AUDIT_WITNESS_DIR: path.join(dir, 'witness'), BIOMETRIC_KEK_DIR: path.join(dir, 'kek') });
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

type User = { id: string; username: string; cookie: string };
// outcome: when the audit row's outcome is not the one the status implies (a wrong current password is a denial).
type Call = { req: InjectOptions; status: number; actor: string | null; outcome?: string };
type Fixture = {
  admin: User; admin2: User; planner: User; officer: User; examiner: User; monitor: User; analyst: User;
  operationId: string; facilityId: string; personId: string; importId: string; missing: string; versionId: string;
  throwaway: (clearance?: 'RESTRICTED' | 'SECRET') => Promise<TestUser>;
  /** A user part-way through signing in: after the password, owing the given step. */
  halfway: (step: 'second-factor' | 'enrol-second-factor') => Promise<TestUser>;
};

const HEAD = 'roster_number,name,sex,date_of_birth,nationality,risk_class,arrest_date,arrest_place,ordering_authority,grounds';
const roster = (n: number) => `${HEAD}\nR4-${n},Omar Salih al-Ani,M,1990,Iraq,MEDIUM,2019-03-01,Hajin,Test authority,Suspected membership\n`;
const importUrl = (f: Fixture, name = 'r.csv') => `/api/imports?fileName=${name}&sourceList=R4LIST&facilityId=${f.facilityId}&responsibleAuthority=Test%20authority`;
const facilityBody = (operationId: string, code: string) => ({
  operationId, code, name: 'R4 facility', kind: 'PRISON', holdingAuthority: 'Test authority', country: 'IRQ',
  latitude: 33.2, longitude: 44.2, locationClassification: 'UNCLASSIFIED', capacityCertified: 10, capacityWorking: 12, capacityMaximum: 15,
});
const as = (u: User, req: InjectOptions, status: number): Call => ({ req: { ...req, headers: { ...req.headers, cookie: u.cookie } }, status, actor: u.username });

// What each route is called with, beyond the 401 and 403 every protected route gets.
const CASES: Record<string, (f: Fixture) => Promise<Call[]> | Call[]> = {
  'POST /api/auth/login': async (f) => {
    const u = await f.throwaway();
    return [
      { req: { method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: PASSWORD } }, status: 200, actor: u.username },
      { req: { method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong password!' } }, status: 401, actor: u.username },
      { req: { method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'wrong password!' } }, status: 401, actor: 'nobody-here' },
      { req: { method: 'POST', url: '/api/auth/login', payload: { username: u.username } }, status: 422, actor: null },
    ];
  },
  'POST /api/auth/logout': async (f) => [as(await f.throwaway(), { method: 'POST', url: '/api/auth/logout' }, 204)],
  'GET /api/auth/me': (f) => [as(f.officer, { method: 'GET', url: '/api/auth/me' }, 200)],
  'POST /api/auth/password': async (f) => {
    const u = await f.throwaway();
    return [
      { ...as(u, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'not the password', newPassword: 'another long passphrase here' } }, 422), outcome: 'denied' },
      as(u, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'another long passphrase here' } }, 200),
    ];
  },
  'GET /api/users': (f) => [as(f.admin, { method: 'GET', url: '/api/users' }, 200)],
  'POST /api/users': (f) => {
    const u = { username: `r4-${randomUUID().slice(0, 8)}`, displayName: 'R4', roles: ['ANALYST'], clearance: 'RESTRICTED', password: 'a long enough passphrase 1' };
    return [
      as(f.admin, { method: 'POST', url: '/api/users', payload: u }, 201),
      as(f.admin, { method: 'POST', url: '/api/users', payload: u }, 409),
      as(f.admin, { method: 'POST', url: '/api/users', payload: { ...u, username: 'Not Valid' } }, 422),
    ];
  },
  'POST /api/users/:id/disable': async (f) => [
    as(f.admin, { method: 'POST', url: `/api/users/${(await f.throwaway()).id}/disable`, payload: { disabled: true } }, 200),
    as(f.admin, { method: 'POST', url: `/api/users/${f.missing}/disable`, payload: { disabled: true } }, 404),
    as(f.admin, { method: 'POST', url: '/api/users/nope/disable', payload: { disabled: true } }, 422),
  ],
  'GET /api/operations': (f) => [as(f.planner, { method: 'GET', url: '/api/operations' }, 200)],
  'POST /api/operations': (f) => {
    const o = { code: `R4-${randomUUID().slice(0, 6).toUpperCase()}`, name: 'R4 operation', targetPersons: 5 };
    return [
      as(f.planner, { method: 'POST', url: '/api/operations', payload: o }, 201),
      as(f.planner, { method: 'POST', url: '/api/operations', payload: o }, 409),
      as(f.planner, { method: 'POST', url: '/api/operations', payload: { ...o, targetPersons: -1 } }, 422),
    ];
  },
  'GET /api/facilities': (f) => [as(f.officer, { method: 'GET', url: '/api/facilities' }, 200)],
  'GET /api/facilities/:id': (f) => [
    as(f.officer, { method: 'GET', url: `/api/facilities/${f.facilityId}` }, 200),
    as(f.officer, { method: 'GET', url: `/api/facilities/${f.missing}` }, 404),
    as(f.officer, { method: 'GET', url: '/api/facilities/nope' }, 422),
  ],
  'GET /api/facilities/:id/risk-history': (f) => [
    as(f.planner, { method: 'GET', url: `/api/facilities/${f.facilityId}/risk-history` }, 200),
    as(f.planner, { method: 'GET', url: '/api/facilities/nope/risk-history' }, 422),
  ],
  'POST /api/facilities': (f) => [
    as(f.planner, { method: 'POST', url: '/api/facilities', payload: facilityBody(f.operationId, 'R4-NEW') }, 201),
    as(f.planner, { method: 'POST', url: '/api/facilities', payload: facilityBody(f.operationId, 'R4-NEW') }, 409),
    as(f.planner, { method: 'POST', url: '/api/facilities', payload: { ...facilityBody(f.operationId, 'R4-BAD'), capacityWorking: 5000 } }, 422),
  ],
  'PATCH /api/facilities/:id': (f) => [
    as(f.planner, { method: 'PATCH', url: `/api/facilities/${f.facilityId}`, headers: { 'if-match': '"1"' }, payload: { name: 'Renamed' } }, 200),
    as(f.planner, { method: 'PATCH', url: `/api/facilities/${f.facilityId}`, headers: { 'if-match': '"1"' }, payload: { name: 'Again' } }, 412),
    as(f.planner, { method: 'PATCH', url: `/api/facilities/${f.facilityId}`, payload: { name: 'Again' } }, 428),
    as(f.planner, { method: 'PATCH', url: `/api/facilities/${f.missing}`, headers: { 'if-match': '"1"' }, payload: { name: 'Again' } }, 404),
  ],
  'GET /api/persons': (f) => [
    as(f.officer, { method: 'GET', url: '/api/persons?q=Yusuf' }, 200),
    as(f.officer, { method: 'GET', url: '/api/persons?pageSize=100000' }, 422),
  ],
  'GET /api/persons/:id': (f) => [
    as(f.officer, { method: 'GET', url: `/api/persons/${f.personId}` }, 200),
    as(f.officer, { method: 'GET', url: `/api/persons/${f.missing}` }, 404),
    as(f.officer, { method: 'GET', url: '/api/persons/nope' }, 422),
  ],
  'POST /api/persons': (f) => {
    const p = samplePerson(f.facilityId);
    return [
      as(f.officer, { method: 'POST', url: '/api/persons', payload: p }, 201),
      as(f.officer, { method: 'POST', url: '/api/persons', payload: p }, 409),
      as(f.officer, { method: 'POST', url: '/api/persons', payload: { ...p, sex: 'Q' } }, 422),
    ];
  },
  'PATCH /api/persons/:id': (f) => [
    as(f.officer, { method: 'PATCH', url: `/api/persons/${f.personId}`, headers: { 'if-match': '"1"' }, payload: { riskClass: 'LOW' } }, 200),
    as(f.officer, { method: 'PATCH', url: `/api/persons/${f.personId}`, headers: { 'if-match': '"1"' }, payload: { riskClass: 'HIGH' } }, 412),
    as(f.officer, { method: 'PATCH', url: `/api/persons/${f.missing}`, headers: { 'if-match': '"1"' }, payload: { riskClass: 'HIGH' } }, 404),
  ],
  'GET /api/dashboard': (f) => [as(f.planner, { method: 'GET', url: '/api/dashboard' }, 200)],
  'POST /api/imports': (f) => [
    as(f.officer, { method: 'POST', url: importUrl(f), headers: { 'content-type': 'text/csv' }, payload: roster(2) }, 200),
    as(f.officer, { method: 'POST', url: importUrl(f).replace('fileName=r.csv&', ''), headers: { 'content-type': 'text/csv' }, payload: roster(3) }, 422),
  ],
  'GET /api/imports/:id': (f) => [
    as(f.officer, { method: 'GET', url: `/api/imports/${f.importId}` }, 200),
    as(f.officer, { method: 'GET', url: `/api/imports/${f.missing}` }, 404),
  ],
  'POST /api/imports/:id/commit': (f) => [
    as(f.officer, { method: 'POST', url: `/api/imports/${f.importId}/commit` }, 200),
    as(f.officer, { method: 'POST', url: `/api/imports/${f.missing}/commit` }, 404),
  ],
  'GET /api/audit': (f) => [
    as(f.monitor, { method: 'GET', url: `/api/audit?objectId=${f.personId}` }, 200),
    as(f.monitor, { method: 'GET', url: '/api/audit?limit=0' }, 422),
  ],
  'GET /api/audit/export.csv': (f) => [
    as(f.monitor, { method: 'GET', url: '/api/audit/export.csv?action=person.' }, 200),
    as(f.monitor, { method: 'GET', url: '/api/audit/export.csv?outcome=perhaps' }, 422),
  ],
  'GET /api/audit/export.json': (f) => [
    as(f.monitor, { method: 'GET', url: `/api/audit/export.json?objectId=${f.personId}` }, 200),
    as(f.monitor, { method: 'GET', url: '/api/audit/export.json?from=yesterday' }, 422),
  ],
  'POST /api/persons/:id/biometric-templates': (f) => [
    as(f.examiner, { method: 'POST', url: `/api/persons/${f.personId}/biometric-templates`, payload: { modality: 'FACE', format: 'x', template: 'AAAAAAAA' } }, 201),
    as(f.examiner, { method: 'POST', url: `/api/persons/${f.missing}/biometric-templates`, payload: { modality: 'FACE', format: 'x', template: 'AAAAAAAA' } }, 404),
    as(f.examiner, { method: 'POST', url: `/api/persons/${f.personId}/biometric-templates`, payload: { modality: 'FACE', format: 'x', template: '!' } }, 422),
  ],
  'POST /api/auth/totp/verify': async (f) => {
    const u = await f.halfway('second-factor');
    return [
      as(u, { method: 'POST', url: '/api/auth/totp/verify', payload: { code: 'abc' } }, 422),
      as(u, { method: 'POST', url: '/api/auth/totp/verify', payload: { code: await h.nextCode(u.totpSecret) } }, 200),
    ];
  },
  'POST /api/auth/totp/setup': async (f) => [as(await f.halfway('enrol-second-factor'), { method: 'POST', url: '/api/auth/totp/setup' }, 200)],
  'POST /api/auth/totp/confirm': async (f) => {
    const u = await f.halfway('enrol-second-factor');
    const secret = body(await h.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: u.cookie } })).secret as string;
    return [
      as(u, { method: 'POST', url: '/api/auth/totp/confirm', payload: { code: 'abc' } }, 422),
      as(u, { method: 'POST', url: '/api/auth/totp/confirm', payload: { code: await h.nextCode(secret) } }, 200),
    ];
  },
  'POST /api/auth/webauthn/register/options': async (f) => [as(await f.throwaway(), { method: 'POST', url: '/api/auth/webauthn/register/options' }, 200)],
  'POST /api/auth/webauthn/register': async (f) => {
    const u = await f.throwaway();
    const answer = await softRegistration(u);
    return [
      as(u, { method: 'POST', url: '/api/auth/webauthn/register', payload: { name: '', response: answer } }, 422),
      as(u, { method: 'POST', url: '/api/auth/webauthn/register', payload: { name: 'R4 key', response: answer } }, 201),
      { ...as(u, { method: 'POST', url: '/api/auth/webauthn/register', payload: { name: 'R4 key', response: answer } }, 422), outcome: 'denied' },
    ];
  },
  'GET /api/auth/webauthn/credentials': (f) => [as(f.analyst, { method: 'GET', url: '/api/auth/webauthn/credentials' }, 200)],
  'DELETE /api/auth/webauthn/credentials/:id': async (f) => {
    const u = await f.throwaway();
    const answer = await softRegistration(u);
    assert.equal((await h.app.inject({ method: 'POST', url: '/api/auth/webauthn/register', headers: { cookie: u.cookie }, payload: { name: 'k', response: answer } })).statusCode, 201);
    return [
      as(u, { method: 'DELETE', url: `/api/auth/webauthn/credentials/${answer.id}` }, 204),
      as(u, { method: 'DELETE', url: `/api/auth/webauthn/credentials/${answer.id}` }, 404),
      as(u, { method: 'DELETE', url: '/api/auth/webauthn/credentials/not*an*id' }, 422),
    ];
  },
  'POST /api/auth/webauthn/login/options': async (f) => {
    const { half } = await withKeyHalfway(f);
    return [
      as(half, { method: 'POST', url: '/api/auth/webauthn/login/options' }, 200),
      as(await f.halfway('second-factor'), { method: 'POST', url: '/api/auth/webauthn/login/options' }, 409),
    ];
  },
  'POST /api/auth/webauthn/login': async (f) => {
    const { u, key, half } = await withKeyHalfway(f);
    const opts = body(await h.app.inject({ method: 'POST', url: '/api/auth/webauthn/login/options', headers: { cookie: half.cookie } }));
    const assertion = key.assert(opts, { origin: h.config.webauthnOrigin, rpId: h.config.webauthnRpId });
    const half2 = await passwordStep(u);
    await h.app.inject({ method: 'POST', url: '/api/auth/webauthn/login/options', headers: { cookie: half2.cookie } });
    return [
      as(half, { method: 'POST', url: '/api/auth/webauthn/login', payload: { response: { id: 'x' } } }, 422),
      as(half, { method: 'POST', url: '/api/auth/webauthn/login', payload: { response: assertion } }, 200),
      { ...as(half2, { method: 'POST', url: '/api/auth/webauthn/login', payload: { response: assertion } }, 422), outcome: 'denied' },
    ];
  },
  'POST /api/users/:id/roles': async (f) => [
    as(f.admin, { method: 'POST', url: `/api/users/${(await f.throwaway()).id}/roles`, payload: { roles: ['LEGAL_OFFICER'] } }, 200),
    as(f.admin, { method: 'POST', url: `/api/users/${f.missing}/roles`, payload: { roles: ['LEGAL_OFFICER'] } }, 404),
    as(f.admin, { method: 'POST', url: `/api/users/${f.missing}/roles`, payload: { roles: ['NOT_A_ROLE'] } }, 422),
  ],
  'POST /api/users/:id/clearance': async (f) => [
    as(f.admin, { method: 'POST', url: `/api/users/${(await f.throwaway()).id}/clearance`, payload: { clearance: 'CONFIDENTIAL' } }, 200),
    as(f.admin, { method: 'POST', url: `/api/users/${f.missing}/clearance`, payload: { clearance: 'CONFIDENTIAL' } }, 404),
    as(f.admin, { method: 'POST', url: `/api/users/${f.missing}/clearance`, payload: { clearance: 'TOP' } }, 422),
  ],
  'POST /api/users/:id/mfa-reset': async (f) => [
    as(f.admin, { method: 'POST', url: `/api/users/${(await f.throwaway()).id}/mfa-reset` }, 200),
    as(f.admin, { method: 'POST', url: `/api/users/${f.missing}/mfa-reset` }, 404),
  ],
  'GET /api/clearance-grants': (f) => [
    as(f.admin, { method: 'GET', url: '/api/clearance-grants?status=PENDING' }, 200),
    as(f.admin, { method: 'GET', url: '/api/clearance-grants?status=MAYBE' }, 422),
  ],
  'POST /api/clearance-grants/:id/decision': async (f) => {
    const u = await f.throwaway('RESTRICTED');
    const asked = await h.app.inject({ method: 'POST', url: `/api/users/${u.id}/clearance`, headers: { cookie: f.admin.cookie }, payload: { clearance: 'SECRET' } });
    assert.ok(asked.statusCode < 300, asked.body);
    const grants = body(await h.app.inject({ method: 'GET', url: '/api/clearance-grants?status=PENDING', headers: { cookie: f.admin.cookie } })) as { id: string; userId: string }[];
    const grant = grants.find((g) => g.userId === u.id)!;
    return [
      as(f.admin2, { method: 'POST', url: `/api/clearance-grants/${grant.id}/decision`, payload: { approve: true } }, 200),
      as(f.admin2, { method: 'POST', url: `/api/clearance-grants/${f.missing}/decision`, payload: { approve: true } }, 404),
      as(f.admin2, { method: 'POST', url: `/api/clearance-grants/${f.missing}/decision`, payload: { approve: 'yes' } }, 422),
    ];
  },
  'GET /api/users/:id/assignments': (f) => [
    as(f.admin, { method: 'GET', url: `/api/users/${f.officer.id}/assignments` }, 200),
    as(f.admin, { method: 'GET', url: '/api/users/nope/assignments' }, 422),
  ],
  'PUT /api/users/:id/assignments': async (f) => [
    as(f.admin, { method: 'PUT', url: `/api/users/${(await f.throwaway()).id}/assignments`, payload: { operationIds: [f.operationId], facilityIds: [] } }, 200),
    as(f.admin, { method: 'PUT', url: `/api/users/${f.missing}/assignments`, payload: { operationIds: [f.operationId], facilityIds: [] } }, 404),
    as(f.admin, { method: 'PUT', url: `/api/users/${f.officer.id}/assignments`, payload: { operationIds: ['nope'] } }, 422),
  ],
  'POST /api/watchlists/versions': (f) => {
    const xml = unXml('2026-03-01T00:00:00', [FULANI, TESTI]);
    const upload = (payload: string, type = 'application/xml', name = 'consolidated-2.xml'): InjectOptions => ({ method: 'POST', url: `/api/watchlists/versions?source=un&fileName=${name}`, headers: { 'content-type': type }, payload });
    return [
      as(f.admin, upload(xml), 201),
      as(f.admin, upload(xml), 409),
      as(f.admin, upload('a,b\n1,2\n', 'text/csv', 'x.csv'), 422),
    ];
  },
  'GET /api/watchlists/versions': (f) => [as(f.analyst, { method: 'GET', url: '/api/watchlists/versions' }, 200)],
  'GET /api/watchlists/versions/:id': (f) => [
    as(f.analyst, { method: 'GET', url: `/api/watchlists/versions/${f.versionId}` }, 200),
    as(f.analyst, { method: 'GET', url: `/api/watchlists/versions/${f.missing}` }, 404),
  ],
  'GET /api/watchlists/versions/:id/diff': (f) => [
    as(f.analyst, { method: 'GET', url: `/api/watchlists/versions/${f.versionId}/diff` }, 200),
    as(f.analyst, { method: 'GET', url: `/api/watchlists/versions/${f.missing}/diff` }, 404),
    as(f.analyst, { method: 'GET', url: `/api/watchlists/versions/${f.versionId}/diff?change=renamed` }, 422),
  ],
  'GET /api/screening/runs': (f) => [as(f.analyst, { method: 'GET', url: '/api/screening/runs' }, 200)],
  'GET /api/screening/runs/:id': (f) => [as(f.analyst, { method: 'GET', url: `/api/screening/runs/${f.missing}` }, 404)],
  'GET /api/screening/hits': (f) => [
    as(f.analyst, { method: 'GET', url: '/api/screening/hits?status=open' }, 200),
    as(f.analyst, { method: 'GET', url: '/api/screening/hits?minScore=2' }, 422),
  ],
  'GET /api/screening/hits/:id': (f) => [as(f.analyst, { method: 'GET', url: `/api/screening/hits/${f.missing}` }, 404)],
  'POST /api/screening/hits/:id/decision': (f) => [
    as(f.analyst, { method: 'POST', url: `/api/screening/hits/${f.missing}/decision`, payload: { decision: 'dismiss', reason: 'Different date of birth and nationality' } }, 428),
    as(f.analyst, { method: 'POST', url: `/api/screening/hits/${f.missing}/decision`, headers: { 'if-match': '"1"' }, payload: { decision: 'dismiss', reason: 'Different date of birth and nationality' } }, 404),
  ],
  'POST /api/screening/match': (f) => [
    as(f.analyst, { method: 'POST', url: '/api/screening/match', payload: { queries: { q1: { schema: 'Person', properties: { name: ['Khalid bin Salim al-Testi'] } } } } }, 200),
    as(f.analyst, { method: 'POST', url: '/api/screening/match', payload: { queries: 'everyone' } }, 422),
  ],
};

// Rows of background work (the screening runs a roster commit or a list load queues) carry their
// run's id as request id and are not the request's own.
async function checkOne(c: Call, label: string): Promise<void> {
  const before = Number((await sql<{ n: string }>`select count(*) as n from audit_log where request_id is null or request_id not like 'screening-run-%'`.execute(h.handle.db)).rows[0]!.n);
  const t0 = Date.now();
  const res = await h.app.inject(c.req);
  const t1 = Date.now();
  assert.equal(res.statusCode, c.status, `${label}: ${res.body.slice(0, 300)}`);
  const rid = String(res.headers['x-request-id']);
  const rows = await h.handle.db.selectFrom('audit_log').selectAll().where('request_id', '=', rid).execute();
  assert.equal(rows.length, 1, `${label} → ${c.status}: ${rows.length} audit rows (${rows.map((r) => r.action).join(', ')})`);
  const after = Number((await sql<{ n: string }>`select count(*) as n from audit_log where request_id is null or request_id not like 'screening-run-%'`.execute(h.handle.db)).rows[0]!.n);
  assert.equal(after - before, 1, `${label}: no other rows written`);
  const r = rows[0]!;
  // A 404 for a record the actor may not see is a need-to-know denial (access.denied); for one that
  // does not exist it is a failure. The answer is the same 404 on purpose, so either outcome stands.
  const expected = c.outcome ? [c.outcome] : c.status === 404 ? [outcomeOf(404), 'denied'] : [outcomeOf(c.status)];
  assert.ok(expected.includes(r.outcome), `${label} → ${c.status}: outcome ${r.outcome} (${r.action}), expected ${expected.join(' or ')}`);
  assert.equal(r.actor, c.actor ?? 'anonymous', `${label}: actor`);
  assert.ok(r.action.length > 0 && r.object_type.length > 0, `${label}: action and object`);
  const at = new Date(r.at).getTime();
  assert.ok(at >= t0 - 1000 && at <= t1 + 1000, `${label}: time ${new Date(r.at).toISOString()}`);
}

test('R4: every route × outcome writes exactly one audit row with actor, action, object, outcome, time and request id', async () => {
  const admin = await h.user(['ADMINISTRATOR']);
  const planner = await h.user(['OPERATIONS_PLANNER']);
  const officer = await h.user(['CUSTODY_OFFICER']);
  const examiner = await h.user(['BIOMETRIC_EXAMINER']);
  const monitor = await h.user(['HUMANITARIAN_MONITOR']);
  const analyst = await h.user(['ANALYST']);
  const admin2 = await h.user(['ADMINISTRATOR']);
  officerForFailure = officer;
  const loaded = await h.app.inject({ method: 'POST', url: '/api/watchlists/versions?source=un&fileName=consolidated.xml', headers: { cookie: admin.cookie, 'content-type': 'application/xml' }, payload: unXml('2026-02-01T00:00:00', [FULANI]) });
  assert.equal(loaded.statusCode, 201, loaded.body);
  const halfway = async (step: 'second-factor' | 'enrol-second-factor'): Promise<TestUser> => {
    if (step === 'second-factor') {
      const u = await h.user(['ANALYST']);
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: PASSWORD } });
      return { ...u, cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
    }
    const username = `r4-half-${randomUUID().slice(0, 8)}`;
    const created = await h.handle.db.transaction().execute((tx) => createUser(tx, { actor: SYSTEM_ACTOR, requestId: 'test' }, { username, displayName: username, roles: ['ANALYST'], clearance: 'RESTRICTED', password: PASSWORD, mustChangePassword: false }));
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    return { id: created.id, username, totpSecret: '', cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
  };
  const { operationId, facilityId } = await h.operation();
  const person = body(await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId) }));
  const imp = body(await h.app.inject({ method: 'POST', url: `/api/imports?fileName=r.csv&sourceList=R4LIST&facilityId=${facilityId}&responsibleAuthority=Test%20authority`, headers: { cookie: officer.cookie, 'content-type': 'text/csv' }, payload: roster(1) }));
  assert.equal(imp.status, 'PREVIEWED', JSON.stringify(imp).slice(0, 300));
  const f: Fixture = {
    admin, admin2, planner, officer, examiner, monitor, analyst, operationId, facilityId, personId: person.id, importId: imp.id, missing: randomUUID(),
    versionId: body(loaded).version.id, halfway,
    throwaway: (clearance = 'SECRET') => h.user(['ANALYST'], clearance),
  };

  const routes = h.app.routeAccess.filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
  const names = routes.map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(names.filter((n) => !CASES[n]), [], 'routes without R4 cases');
  assert.deepEqual(Object.keys(CASES).filter((n) => !names.includes(n)), [], 'R4 cases for routes that do not exist');

  // Logins are rate limited (20 a minute from one address): one user per role, reused.
  const byRole = new Map<string, User>([['ADMINISTRATOR', admin], ['OPERATIONS_PLANNER', planner], ['CUSTODY_OFFICER', officer], ['BIOMETRIC_EXAMINER', examiner], ['HUMANITARIAN_MONITOR', monitor], ['ANALYST', analyst]]);
  const seen = new Set<number>();
  let calls = 0;
  for (const r of routes) {
    const name = `${r.method} ${r.url}`;
    const url = r.url.replace(':id', f.missing);
    const calls401: Call[] = [];
    if (r.access !== 'public') {
      calls401.push({ req: { method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} }, status: 401, actor: null });
      const role = ROLES.find((x) => r.access !== 'authenticated' && !ROLE_PERMISSIONS[x].includes(r.access as never));
      if (role) {
        if (!byRole.has(role)) byRole.set(role, await h.user([role]));
        const u = byRole.get(role)!;
        calls401.push(as(u, { method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} }, 403));
      }
    }
    for (const c of [...calls401, ...(await CASES[name]!(f))]) {
      await checkOne(c, `${name} as ${c.actor ?? 'anonymous'}`);
      seen.add(c.status);
      calls++;
    }
  }
  // Outside the route table: an unknown API path, a malformed URL.
  await checkOne({ req: { method: 'GET', url: '/api/nothing-here' }, status: 404, actor: null }, 'unknown route');
  await checkOne(as(officer, { method: 'GET', url: '/api/nothing-here' }, 404), 'unknown route, signed in');
  for (const s of [200, 201, 204, 401, 403, 404, 409, 412, 422, 428]) assert.ok(seen.has(s), `outcome ${s} exercised`);
  assert.ok(calls >= 80, `${calls} calls`);
});

let officerForFailure: User;
test('R4: a failed audit write fails the request, and a sensitive read sends no data', async () => {
  const officer = officerForFailure ?? await h.user(['CUSTODY_OFFICER']);
  const { facilityId } = await h.operation();
  const person = body(await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId) }));
  // The audit table made unwritable (renamed away) for the length of the requests.
  await sql`alter table audit_log rename to audit_log_away`.execute(h.handle.db);
  try {
    for (const url of [`/api/persons/${person.id}`, '/api/persons?q=Yusuf', `/api/facilities/${facilityId}`, '/api/facilities']) {
      const res = await h.app.inject({ method: 'GET', url, headers: { cookie: officer.cookie } });
      assert.equal(res.statusCode, 500, `${url}: ${res.body.slice(0, 200)}`);
      assert.match(String(res.headers['content-type']), /problem\+json/);
      assert.doesNotMatch(res.body, /Yusuf|al-Hasan|PRISON-A|Test prison/, `${url}: no data leaves`);
    }
  } finally {
    await sql`alter table audit_log_away rename to audit_log`.execute(h.handle.db);
  }
  const ok = await h.app.inject({ method: 'GET', url: `/api/persons/${person.id}`, headers: { cookie: officer.cookie } });
  assert.equal(ok.statusCode, 200);
});
