// R19: sessions end when they should, and a replayed cookie is refused at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { body, startHarness, type Harness, type TestUser } from './harness';

let h: Harness;
let admin: TestUser;
before(async () => { h = await startHarness({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' }); admin = await h.user(['ADMINISTRATOR']); });
after(async () => { await h.close(); });

const me = (cookie: string) => h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const digestOf = async (cookie: string) => {
  const { sessionDigest } = await import('../src/platform/auth/sessions');
  return sessionDigest(cookie.split('=')[1]!);
};

/** How long after the event the old cookie is first refused. */
async function refusedWithin(cookie: string, event: () => Promise<unknown>): Promise<number> {
  await event();
  const t = performance.now();
  const res = await me(cookie);
  assert.equal(res.statusCode, 401, res.body);
  return performance.now() - t;
}

describe('R19: sessions', () => {
  test('logout, disable, role change, clearance change and MFA reset each end the session within 1 s', async () => {
    const events: [string, (u: TestUser) => Promise<unknown>][] = [
      ['logout', (u) => h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: u.cookie } })],
      ['disable', (u) => h.app.inject({ method: 'POST', url: `/api/users/${u.id}/disable`, headers: { cookie: admin.cookie }, payload: { disabled: true } })],
      ['role change', (u) => h.app.inject({ method: 'POST', url: `/api/users/${u.id}/roles`, headers: { cookie: admin.cookie }, payload: { roles: ['LEGAL_OFFICER'] } })],
      ['clearance change', (u) => h.app.inject({ method: 'POST', url: `/api/users/${u.id}/clearance`, headers: { cookie: admin.cookie }, payload: { clearance: 'UNCLASSIFIED' } })],
      ['MFA reset', (u) => h.app.inject({ method: 'POST', url: `/api/users/${u.id}/mfa-reset`, headers: { cookie: admin.cookie } })],
    ];
    for (const [name, event] of events) {
      const u = await h.user(['ANALYST'], 'CONFIDENTIAL');
      assert.equal((await me(u.cookie)).statusCode, 200);
      const ms = await refusedWithin(u.cookie, () => event(u));
      assert.ok(ms < 1000, `${name}: refused after ${ms} ms`);
    }
  });

  test('the idle timeout and the absolute timeout end a session', async () => {
    const u = await h.user(['ANALYST']);
    const digest = await digestOf(u.cookie);
    await h.handle.db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - 29 * 60_000) }).where('id_hash', '=', digest).execute();
    assert.equal((await me(u.cookie)).statusCode, 200, 'within the idle limit; the request also resets the idle clock');
    await h.handle.db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('id_hash', '=', digest).execute();
    assert.equal((await me(u.cookie)).statusCode, 401, 'idle for longer than SESSION_IDLE_MINUTES');

    const v = await h.user(['ANALYST']);
    const row = await h.handle.db.selectFrom('user_session').selectAll().where('id_hash', '=', await digestOf(v.cookie)).executeTakeFirstOrThrow();
    const lifetime = new Date(row.expires_at).getTime() - new Date(row.created_at).getTime();
    assert.equal(lifetime, 12 * 3_600_000, 'SESSION_ABSOLUTE_HOURS sets the lifetime');
    await h.handle.db.updateTable('user_session').set({ expires_at: new Date(Date.now() - 1000) }).where('id_hash', '=', row.id_hash).execute();
    assert.equal((await me(v.cookie)).statusCode, 401, 'past the absolute limit, however active');
  });

  test('the cookie\'s Max-Age matches the absolute timeout; logout clears it', async () => {
    const u = await h.user(['ANALYST']);
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: u.cookie } });
    const cleared = res.cookies.find((c) => c.name === h.cookieName)!;
    assert.equal(cleared.value, '');
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'correct horse battery staple' } });
    assert.equal(body(login).next, 'second-factor');
    assert.equal(login.cookies.find((c) => c.name === h.cookieName)!.maxAge, 12 * 3600);
  });
});
