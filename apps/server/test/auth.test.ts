import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../src/platform/access/actor';
import { createUser } from '../src/modules/users/user.service';
import { totpCode } from '../src/platform/auth/totp';
import { body, PASSWORD, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

const login = (username: string, password: string) => h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => {
  const c = res.cookies.find((x) => x.name === '__Host-custodian_session')!;
  return { header: `${c.name}=${c.value}`, c };
};
const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie: string, payload?: object) => h.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const userRow = (id: string) => h.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('authentication and sessions', () => {
  test('R19: cookies are __Host-, Secure, HttpOnly, SameSite=Strict; a new id at login and another after the second factor', async () => {
    const u = await h.user(['ANALYST']);
    const a = await login(u.username, PASSWORD);
    assert.equal(a.statusCode, 200);
    const { c } = cookieOf(a);
    assert.equal(c.secure, true);
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Strict');
    assert.equal(c.path, '/');
    assert.equal(c.domain, undefined, '__Host- cookies carry no Domain');
    assert.equal(body(a).next, 'second-factor');
    assert.deepEqual(body(a).permissions, [], 'a password alone grants nothing');
    const half = cookieOf(a).header;
    assert.notEqual(half, u.cookie);
    assert.equal((await get('/api/persons', half)).statusCode, 403, 'the password step alone opens nothing');
    const done = await post('/api/auth/totp/verify', half, { code: await h.nextCode(u.totpSecret) });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(body(done).next, null);
    const full = cookieOf(done).header;
    assert.notEqual(full, half);
    assert.equal((await get('/api/persons', full)).statusCode, 200);
    assert.equal((await get('/api/auth/me', half)).statusCode, 401, 'the half-way id ended when the step passed');
  });

  test('logout revokes the session: the old cookie answers 401', async () => {
    const u = await h.user(['ANALYST']);
    const me = await get('/api/auth/me', u.cookie);
    assert.equal(me.statusCode, 200);
    assert.deepEqual(body(me).roles, ['ANALYST']);
    assert.deepEqual(body(me).secondFactors, { totp: true, passkeys: 0 });
    const out = await post('/api/auth/logout', u.cookie);
    assert.equal(out.statusCode, 204);
    assert.equal((await get('/api/persons', u.cookie)).statusCode, 401);
  });

  test('disabling a user ends their sessions at once', async () => {
    const admin = await h.user(['ADMINISTRATOR']);
    const u = await h.user(['ANALYST']);
    const res = await post(`/api/users/${u.id}/disable`, admin.cookie, { disabled: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await get('/api/auth/me', u.cookie)).statusCode, 401);
    assert.equal((await login(u.username, PASSWORD)).statusCode, 401);
  });

  test('R18: wrong passwords answer like an unknown user, are audited, and lock the account after 5 in 15 minutes', async () => {
    const u = await h.user(['ANALYST']);
    const unknown = await login('nobody-here', 'whatever-password');
    const wrong = await login(u.username, 'not the password');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.equal(body(unknown).detail, body(wrong).detail);
    for (let i = 0; i < 4; i++) await login(u.username, 'not the password');
    const locked = await login(u.username, PASSWORD);
    assert.equal(locked.statusCode, 401, 'locked after 5 failures, even with the right password');
    assert.equal(body(locked).detail, body(unknown).detail, 'a locked account answers like any failure');
    const denied = (await h.auditRows('auth.login')).filter((r) => r.outcome === 'denied' && r.actor === u.username);
    assert.equal(denied.length, 6);
  });

  test('R18: failures older than 15 minutes are forgotten', async () => {
    const u = await h.user(['ANALYST']);
    for (let i = 0; i < 4; i++) await login(u.username, 'not the password');
    await h.handle.db.updateTable('app_user').set({ last_failed_at: new Date(Date.now() - 16 * 60_000) }).where('id', '=', u.id).execute();
    await login(u.username, 'not the password');
    assert.equal((await userRow(u.id)).failed_logins, 1);
    assert.equal((await login(u.username, PASSWORD)).statusCode, 200, 'not locked: the old failures left the window');
  });

  test('R18: a TOTP code works once; wrong codes count towards the lockout', async () => {
    const u = await h.user(['ANALYST']);
    const half1 = cookieOf(await login(u.username, PASSWORD)).header;
    const code = await h.nextCode(u.totpSecret);
    assert.equal((await post('/api/auth/totp/verify', half1, { code })).statusCode, 200);
    const half2 = cookieOf(await login(u.username, PASSWORD)).header;
    const reused = await post('/api/auth/totp/verify', half2, { code });
    assert.equal(reused.statusCode, 422, 'the same code a second time is refused');
    assert.match(body(reused).detail, /already used/);
    const bad = await post('/api/auth/totp/verify', half2, { code: 'abc' });
    assert.equal(bad.statusCode, 422);
    const rows = (await h.auditRows('auth.second_factor')).filter((r) => r.actor === u.username);
    assert.deepEqual(rows.map((r) => [r.outcome, (r.details as { reason?: string }).reason ?? null]), [['success', null], ['denied', 'code reused']]);
    // Four more wrong codes: the fifth failure locks the account and ends the half-way session.
    const wrongCode = String((Number(await totpCode(u.totpSecret)) + 1) % 1_000_000).padStart(6, '0');
    let last = reused;
    for (let i = 0; i < 4; i++) last = await post('/api/auth/totp/verify', half2, { code: wrongCode });
    assert.equal(last.statusCode, 401);
    assert.equal((await get('/api/auth/me', half2)).statusCode, 401);
    assert.ok((await userRow(u.id)).locked_until);
    assert.equal((await login(u.username, PASSWORD)).statusCode, 401);
  });

  test('R18: the per-name limit refuses before the password is checked, the same for known and unknown names', async () => {
    const u = await h.handle.db.transaction().execute((tx) => createUser(tx, { actor: SYSTEM_ACTOR, requestId: 't' }, {
      username: 'limited-name', displayName: 'Limited', roles: ['ANALYST'], clearance: 'RESTRICTED', password: PASSWORD, mustChangePassword: false,
    }));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(u.username, 'not the password')).statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
    // Failures were counted for the ten checked attempts and not for the two refused ones.
    assert.equal((await userRow(u.id)).failed_logins, 10);
    const ghost: number[] = [];
    for (let i = 0; i < 12; i++) ghost.push((await login('no-such-user-xyz', 'whatever')).statusCode);
    assert.deepEqual(ghost, statuses);
  });

  test('first login: one-time password, then a new password, then TOTP enrolment, each under a new session id', async () => {
    await h.handle.db.transaction().execute((tx) => createUser(tx, { actor: SYSTEM_ACTOR, requestId: 't' }, {
      username: 'first-login', displayName: 'First', roles: ['ANALYST'], clearance: 'RESTRICTED', password: 'one-time-pass-123', mustChangePassword: true,
    }));
    const res = await login('first-login', 'one-time-pass-123');
    assert.equal(res.statusCode, 200);
    assert.equal(body(res).mustChangePassword, true);
    assert.equal(body(res).next, 'change-password');
    const cookie = cookieOf(res).header;
    assert.equal((await get('/api/persons', cookie)).statusCode, 403);
    assert.equal((await post('/api/auth/totp/setup', cookie)).statusCode, 403, 'the password comes first');
    const weak = await post('/api/auth/password', cookie, { currentPassword: 'one-time-pass-123', newPassword: 'short' });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /at least 12/);
    const ok = await post('/api/auth/password', cookie, { currentPassword: 'one-time-pass-123', newPassword: 'a much longer passphrase' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(body(ok).next, 'enrol-second-factor');
    assert.equal((await get('/api/persons', cookie)).statusCode, 401, 'the old session id is gone');
    const second = cookieOf(ok).header;
    assert.equal((await get('/api/persons', second)).statusCode, 403, 'no second factor yet');
    const setup = await post('/api/auth/totp/setup', second);
    assert.equal(setup.statusCode, 200);
    const { secret, otpauthUri, qrDataUrl } = body(setup);
    assert.match(otpauthUri, /^otpauth:\/\/totp\/Custodian:first-login\?/);
    assert.match(qrDataUrl, /^data:image\/svg\+xml;base64,/);
    assert.match(Buffer.from(qrDataUrl.split(',')[1], 'base64').toString(), /<svg/);
    const wrong = await post('/api/auth/totp/confirm', second, { code: '000000' === (await totpCode(secret)) ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422);
    const confirmed = await post('/api/auth/totp/confirm', second, { code: await h.nextCode(secret) });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(body(confirmed).next, null);
    assert.ok(body(confirmed).permissions.includes('persons:read'));
    assert.equal((await get('/api/persons', second)).statusCode, 401);
    assert.equal((await get('/api/persons', cookieOf(confirmed).header)).statusCode, 200);
    // From now on the password alone is not enough.
    const again = await login('first-login', 'a much longer passphrase');
    assert.equal(body(again).next, 'second-factor');
  });

  test('a half-finished login expires after 10 minutes', async () => {
    const u = await h.user(['ANALYST']);
    const half = cookieOf(await login(u.username, PASSWORD)).header;
    await h.handle.db.updateTable('user_session').set({ created_at: new Date(Date.now() - 11 * 60_000) }).where('user_id', '=', u.id).where('second_factor_at', 'is', null).execute();
    assert.equal((await post('/api/auth/totp/verify', half, { code: await h.nextCode(u.totpSecret) })).statusCode, 401);
  });

  test('an administrator cannot grant a clearance above their own', async () => {
    const admin = await h.user(['ADMINISTRATOR'], 'CONFIDENTIAL');
    const res = await post('/api/users', admin.cookie, { username: 'too-high', displayName: 'x', roles: ['ANALYST'], clearance: 'SECRET', password: 'long enough password' });
    assert.equal(res.statusCode, 403);
    const analyst = await h.user(['ANALYST']);
    const res2 = await post('/api/users', analyst.cookie, { username: 'x-user', displayName: 'x', roles: ['ANALYST'], clearance: 'RESTRICTED', password: 'long enough password' });
    assert.equal(res2.statusCode, 403);
  });
});
