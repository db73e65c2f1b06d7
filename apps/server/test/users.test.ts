import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '@custodian/contracts';
import { SYSTEM_ACTOR } from '../src/platform/access/actor';
import { AppError } from '../src/platform/http/errors';
import { createUser } from '../src/modules/users/user.service';
import { body, PASSWORD, startHarness, type Harness, type TestUser } from './harness';

let h: Harness;
let admin: TestUser;
let admin2: TestUser;
before(async () => {
  h = await startHarness();
  admin = await h.user(['ADMINISTRATOR']);
  admin2 = await h.user(['ADMINISTRATOR']);
});
after(async () => { await h.close(); });

const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie: string, payload?: object) => h.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const alive = async (cookie: string) => (await get('/api/auth/me', cookie)).statusCode === 200;
const audited = async (action: string, objectId: string) => (await h.auditRows(action)).filter((r) => r.object_id === objectId && r.outcome === 'success').length;

describe('user administration', () => {
  test('creates a user with a generated one-time password, shown once; the user must change it and enrol at first login', async () => {
    const res = await post('/api/users', admin.cookie, { username: 'new.officer', displayName: 'New Officer', roles: ['CUSTODY_OFFICER'], clearance: 'CONFIDENTIAL' });
    assert.equal(res.statusCode, 201, res.body);
    const created = body(res);
    assert.match(created.oneTimePassword, /^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    assert.deepEqual(created.secondFactors, { totp: false, passkeys: 0 });
    assert.equal(await audited('user.create', created.id), 1);
    const list = body(await get('/api/users', admin.cookie));
    const listed = list.find((u: { id: string }) => u.id === created.id);
    assert.equal(listed.oneTimePassword, undefined, 'the password is never shown again');
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'new.officer', password: created.oneTimePassword } });
    assert.equal(body(login).next, 'change-password');
    assert.ok((await h.auditRows('user.list')).length >= 1, 'reading the user list is audited');
  });

  test('SECRET needs a second administrator: the requester cannot approve, another can, and the user\'s sessions end', async () => {
    const u = await h.user(['ANALYST'], 'RESTRICTED');
    const asked = await post(`/api/users/${u.id}/clearance`, admin.cookie, { clearance: 'SECRET' });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.equal(body(asked).clearance, 'RESTRICTED', 'nothing changes until the second administrator agrees');
    assert.equal(body(asked).pendingClearance, 'SECRET');
    assert.ok(await alive(u.cookie));
    const grants = body(await get('/api/clearance-grants?status=PENDING', admin.cookie));
    const grant = grants.find((g: { userId: string }) => g.userId === u.id);
    assert.equal(grant.requestedBy, admin.username);
    const self = await post(`/api/clearance-grants/${grant.id}/decision`, admin.cookie, { approve: true });
    assert.equal(self.statusCode, 403);
    assert.match(body(self).detail, /second administrator/);
    const twice = await post(`/api/users/${u.id}/clearance`, admin2.cookie, { clearance: 'SECRET' });
    assert.equal(twice.statusCode, 409, 'one grant waits at a time');
    const ok = await post(`/api/clearance-grants/${grant.id}/decision`, admin2.cookie, { approve: true });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(body(ok).status, 'APPROVED');
    assert.equal(body(ok).decidedBy, admin2.username);
    assert.equal((await h.handle.db.selectFrom('app_user').select('clearance').where('id', '=', u.id).executeTakeFirstOrThrow()).clearance, 'SECRET');
    assert.equal(await alive(u.cookie), false, 'a clearance change ends the sessions');
    assert.equal((await post(`/api/clearance-grants/${grant.id}/decision`, admin2.cookie, { approve: false })).statusCode, 409);
    assert.equal(await audited('user.clearance_request', u.id), 1);
    assert.equal(await audited('user.clearance_approve', u.id), 1);
  });

  test('creating a SECRET user starts at CONFIDENTIAL with a waiting grant; a rejection leaves it there', async () => {
    const res = await post('/api/users', admin.cookie, { username: 'secret.analyst', displayName: 'S', roles: ['ANALYST'], clearance: 'SECRET', password: 'long enough password' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(body(res).clearance, 'CONFIDENTIAL');
    assert.equal(body(res).pendingClearance, 'SECRET');
    const grant = body(await get('/api/clearance-grants?status=PENDING', admin2.cookie)).find((g: { username: string }) => g.username === 'secret.analyst');
    const no = await post(`/api/clearance-grants/${grant.id}/decision`, admin2.cookie, { approve: false });
    assert.equal(body(no).status, 'REJECTED');
    const after = body(await get('/api/users', admin.cookie)).find((u: { username: string }) => u.username === 'secret.analyst');
    assert.equal(after.clearance, 'CONFIDENTIAL');
    assert.equal(after.pendingClearance, null);
  });

  test('lowering a clearance and changing roles apply at once and end the user\'s sessions', async () => {
    const u = await h.user(['ANALYST'], 'CONFIDENTIAL');
    const low = await post(`/api/users/${u.id}/clearance`, admin.cookie, { clearance: 'RESTRICTED' });
    assert.equal(body(low).clearance, 'RESTRICTED');
    assert.equal(await alive(u.cookie), false);
    const again = await h.login(u);
    const roles = await post(`/api/users/${u.id}/roles`, admin.cookie, { roles: ['LEGAL_OFFICER', 'LEGAL_OFFICER'] });
    assert.equal(roles.statusCode, 200, roles.body);
    assert.deepEqual(body(roles).roles, ['LEGAL_OFFICER']);
    assert.equal(await alive(again), false, 'a role change ends the sessions');
    assert.equal(await audited('user.roles', u.id), 1);
    assert.equal((await post(`/api/users/${u.id}/roles`, admin.cookie, { roles: [] })).statusCode, 422);
    assert.equal((await post(`/api/users/${u.id}/roles`, admin.cookie, { roles: ['KING'] })).statusCode, 422);
  });

  test('MFA reset: sessions end, the old secret stops working, the next login enrols a new one', async () => {
    const u = await h.user(['ANALYST'], 'RESTRICTED');
    const res = await post(`/api/users/${u.id}/mfa-reset`, admin.cookie);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(body(res).secondFactors, { totp: false, passkeys: 0 });
    assert.equal(await alive(u.cookie), false);
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'correct horse battery staple' } });
    assert.equal(body(login).next, 'enrol-second-factor');
    assert.equal(await audited('user.mfa_reset', u.id), 1);
  });

  test('no administrator changes their own account; enabling lifts a lockout; non-administrators get 403', async () => {
    for (const [url, payload] of [[`/api/users/${admin.id}/roles`, { roles: ['ANALYST'] }], [`/api/users/${admin.id}/clearance`, { clearance: 'SECRET' }],
      [`/api/users/${admin.id}/mfa-reset`, undefined], [`/api/users/${admin.id}/disable`, { disabled: true }]] as const) {
      const res = await post(url, admin.cookie, payload);
      assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
    }
    const u = await h.user(['ANALYST'], 'RESTRICTED');
    for (let i = 0; i < 5; i++) await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong password!' } });
    assert.equal(body(await get('/api/users', admin.cookie)).find((x: { id: string }) => x.id === u.id).locked, true);
    const enabled = await post(`/api/users/${u.id}/disable`, admin.cookie, { disabled: false });
    assert.equal(body(enabled).locked, false);
    await h.login(u);
    const analyst = await h.user(['ANALYST']);
    assert.equal((await get('/api/users', analyst.cookie)).statusCode, 403);
    assert.equal((await post(`/api/users/${u.id}/mfa-reset`, analyst.cookie)).statusCode, 403);
    assert.equal((await post(`/api/users/00000000-0000-4000-8000-000000000000/mfa-reset`, admin.cookie)).statusCode, 404);
  });

  test('the system path (CLI, bootstrap) refuses an unknown role or clearance, naming it, and stores nothing', async () => {
    const attempt = (roles: string[], clearance: string) => h.handle.db.transaction().execute((tx) => createUser(tx, { actor: SYSTEM_ACTOR, requestId: 'users-test' }, {
      username: 'typo.user', displayName: 'Typo', roles: roles as Role[], clearance: clearance as 'RESTRICTED', password: PASSWORD, mustChangePassword: false,
    }));
    await assert.rejects(attempt(['CUSTODY_OFFICER', 'CUSTODY_OFICER'], 'RESTRICTED'), (e: unknown) => {
      assert.ok(e instanceof AppError && e.code === 'validation_failed');
      assert.deepEqual(e.errors?.map((x) => x.path), ['roles.1']);
      assert.match(e.errors![0]!.message, /unknown role "CUSTODY_OFICER"; roles are .*CUSTODY_OFFICER/);
      return true;
    });
    await assert.rejects(attempt([], 'TOP'), (e: unknown) => e instanceof AppError && e.errors?.map((x) => x.path).join() === 'roles,clearance');
    const stored = await h.handle.db.selectFrom('app_user').select('id').where('username', '=', 'typo.user').execute();
    assert.equal(stored.length, 0);
    assert.equal((await h.auditRows('user.create')).filter((r) => JSON.stringify(r.details).includes('typo.user')).length, 0);
  });

  test('a stored role this version does not know grants nothing, and the account still signs in with the rest', async () => {
    const u = await h.user(['CUSTODY_OFFICER']);
    await h.handle.db.updateTable('app_user').set({ roles: ['CUSTODY_OFFICER', 'RETIRED_ROLE'] as Role[] }).where('id', '=', u.id).execute();
    const cookie = await h.login(u);
    const me = await get('/api/auth/me', cookie);
    assert.equal(me.statusCode, 200, me.body);
    assert.equal((await get('/api/users', cookie)).statusCode, 403, 'no administration from an unknown role');
    assert.equal((await get('/api/facilities', cookie)).statusCode, 200, 'the known role still works');
  });
});
