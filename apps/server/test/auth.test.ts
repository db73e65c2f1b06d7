import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../src/platform/access/actor';
import { createUser } from '../src/modules/users/user.service';
import { body, PASSWORD, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

const login = (username: string, password: string) => h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => {
  const c = res.cookies.find((x) => x.name === '__Host-custodian_session')!;
  return { header: `${c.name}=${c.value}`, c };
};

describe('authentication and sessions', () => {
  test('login sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict, with a fresh id each time', async () => {
    const u = await h.user(['ANALYST']);
    const a = await login(u.username, PASSWORD);
    const b = await login(u.username, PASSWORD);
    const { c } = cookieOf(a);
    assert.equal(c.secure, true);
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Strict');
    assert.equal(c.path, '/');
    assert.notEqual(cookieOf(a).c.value, cookieOf(b).c.value);
  });

  test('logout revokes the session: the old cookie answers 401', async () => {
    const u = await h.user(['ANALYST']);
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(body(me).roles, ['ANALYST']);
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: u.cookie } });
    assert.equal(out.statusCode, 204);
    const replay = await h.app.inject({ method: 'GET', url: '/api/persons', headers: { cookie: u.cookie } });
    assert.equal(replay.statusCode, 401);
  });

  test('disabling a user ends their sessions at once', async () => {
    const admin = await h.user(['ADMINISTRATOR']);
    const u = await h.user(['ANALYST']);
    const res = await h.app.inject({ method: 'POST', url: `/api/users/${u.id}/disable`, headers: { cookie: admin.cookie }, payload: { disabled: true } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode, 401);
    assert.equal((await login(u.username, PASSWORD)).statusCode, 401);
  });

  test('wrong passwords: same answer as an unknown user, audited, and the account locks after 5', async () => {
    const u = await h.user(['ANALYST']);
    const unknown = await login('nobody-here', 'whatever-password');
    const wrong = await login(u.username, 'not the password');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.equal(body(unknown).detail, body(wrong).detail);
    for (let i = 0; i < 4; i++) await login(u.username, 'not the password');
    assert.equal((await login(u.username, PASSWORD)).statusCode, 401, 'locked after 5 failures, even with the right password');
    const denied = (await h.auditRows('auth.login')).filter((r) => r.outcome === 'denied' && r.actor === u.username);
    assert.equal(denied.length, 6);
  });

  test('a one-time password must be changed before anything else', async () => {
    await h.handle.db.transaction().execute((tx) => createUser(tx, { actor: SYSTEM_ACTOR, requestId: 't' }, {
      username: 'first-login', displayName: 'First', roles: ['ANALYST'], clearance: 'RESTRICTED', password: 'one-time-pass-123', mustChangePassword: true,
    }));
    const res = await login('first-login', 'one-time-pass-123');
    assert.equal(res.statusCode, 200);
    assert.equal(body(res).mustChangePassword, true);
    const cookie = cookieOf(res).header;
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/persons', headers: { cookie } })).statusCode, 403);
    const weak = await h.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'one-time-pass-123', newPassword: 'short' } });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /at least 12/);
    const ok = await h.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'one-time-pass-123', newPassword: 'a much longer passphrase' } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/persons', headers: { cookie } })).statusCode, 401, 'the old session id is gone');
    const fresh = cookieOf(ok).header;
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/persons', headers: { cookie: fresh } })).statusCode, 200);
  });

  test('an administrator cannot grant a clearance above their own', async () => {
    const admin = await h.user(['ADMINISTRATOR'], 'CONFIDENTIAL');
    const res = await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: { username: 'too-high', displayName: 'x', roles: ['ANALYST'], clearance: 'SECRET', password: 'long enough password' } });
    assert.equal(res.statusCode, 403);
    const analyst = await h.user(['ANALYST']);
    const res2 = await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: analyst.cookie }, payload: { username: 'x-user', displayName: 'x', roles: ['ANALYST'], clearance: 'RESTRICTED', password: 'long enough password' } });
    assert.equal(res2.statusCode, 403);
  });
});
