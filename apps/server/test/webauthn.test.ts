// WebAuthn as a second factor: a software authenticator (test/webauthn-authenticator.ts) registers a
// key, then signs in with it; replays, other origins and other users' keys are refused and audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { body, PASSWORD, startHarness, type Harness, type TestUser } from './harness';
import { SoftAuthenticator } from './webauthn-authenticator';
import { MAX_FAILURES } from '../src/modules/auth/login.service';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

type Res = Awaited<ReturnType<Harness['app']['inject']>>;
const post = (url: string, cookie: string, payload?: object) => h.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const cookieOf = (res: Res) => res.cookies.filter((c) => c.name === h.cookieName).map((c) => `${c.name}=${c.value}`)[0]!;
const ceremony = () => ({ origin: h.config.webauthnOrigin, rpId: h.config.webauthnRpId });

async function registerKey(u: TestUser, name = 'Blue key'): Promise<SoftAuthenticator> {
  const key = new SoftAuthenticator();
  const opts = await post('/api/auth/webauthn/register/options', u.cookie);
  assert.equal(opts.statusCode, 200, opts.body);
  assert.equal(body(opts).rp.id, h.config.webauthnRpId);
  const reg = await post('/api/auth/webauthn/register', u.cookie, { name, response: key.register(body(opts), ceremony()) });
  assert.equal(reg.statusCode, 201, reg.body);
  assert.equal(body(reg).id, key.id);
  return key;
}

/** The password step: a session that owes the second factor. */
async function halfway(u: TestUser): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: PASSWORD } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(body(res).next, 'second-factor');
  return cookieOf(res);
}

const failures = async (id: string) => (await h.handle.db.selectFrom('app_user').select(['failed_logins', 'locked_until']).where('id', '=', id).executeTakeFirstOrThrow());

describe('WebAuthn second factor', () => {
  test('register a key, list it, sign in with password + key; the session is complete under a new id', async () => {
    const u = await h.user(['ANALYST']);
    const key = await registerKey(u);
    const list = await h.app.inject({ method: 'GET', url: '/api/auth/webauthn/credentials', headers: { cookie: u.cookie } });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(body(list).items.map((c: { id: string; name: string; transports: string[] }) => [c.id, c.name, c.transports]), [[key.id, 'Blue key', ['usb']]]);
    const stored = await h.handle.db.selectFrom('webauthn_credential').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    assert.equal(stored.user_id, u.id);
    assert.equal(Number(stored.counter), 0);
    assert.ok(stored.public_key.length > 60, 'the COSE public key is stored');

    const half = await halfway(u);
    const opts = await post('/api/auth/webauthn/login/options', half);
    assert.equal(opts.statusCode, 200, opts.body);
    assert.deepEqual(body(opts).allowCredentials.map((c: { id: string }) => c.id), [key.id]);
    const done = await post('/api/auth/webauthn/login', half, { response: key.assert(body(opts), ceremony()) });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(body(done).next, null);
    assert.ok(body(done).permissions.length > 0);
    const full = cookieOf(done);
    assert.notEqual(full, half);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/persons', headers: { cookie: full } })).statusCode, 200);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: half } })).statusCode, 401, 'the half-way id ended');
    const after = await h.handle.db.selectFrom('webauthn_credential').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    assert.equal(Number(after.counter), 1, 'the signature counter is stored');
    assert.ok(after.last_used_at);
    const rows = await h.auditRows('auth.second_factor');
    assert.ok(rows.some((r) => r.actor === u.username && r.outcome === 'success' && (r.details as { method?: string }).method === 'webauthn'));
  });

  test('a replayed assertion is refused: the challenge counts once, and counts as a failure', async () => {
    const u = await h.user(['ANALYST']);
    const key = await registerKey(u);
    const half1 = await halfway(u);
    const opts = body(await post('/api/auth/webauthn/login/options', half1));
    const assertion = key.assert(opts, ceremony());
    assert.equal((await post('/api/auth/webauthn/login', half1, { response: assertion })).statusCode, 200);
    // The same assertion on a new half-way session, with a fresh challenge issued: wrong challenge.
    const half2 = await halfway(u);
    assert.equal((await post('/api/auth/webauthn/login/options', half2)).statusCode, 200);
    const replay = await post('/api/auth/webauthn/login', half2, { response: assertion });
    assert.equal(replay.statusCode, 422, replay.body);
    assert.equal((await failures(u.id)).failed_logins, 1);
    // And with no challenge at all (the refused try used it up).
    const again = await post('/api/auth/webauthn/login', half2, { response: assertion });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /no challenge/);
    // A fresh assertion whose counter does not move on (a cloned key) is refused too.
    const opts3 = body(await post('/api/auth/webauthn/login/options', half2));
    key.counter -= 1;
    const cloned = await post('/api/auth/webauthn/login', half2, { response: key.assert(opts3, ceremony()) });
    assert.equal(cloned.statusCode, 422, cloned.body);
    const denied = (await h.auditRows('auth.second_factor')).filter((r) => r.actor === u.username && r.outcome === 'denied');
    assert.equal(denied.length, 3);
  });

  test('an assertion made for another origin or RP ID is refused', async () => {
    const u = await h.user(['ANALYST']);
    const key = await registerKey(u);
    const half = await halfway(u);
    const opts = body(await post('/api/auth/webauthn/login/options', half));
    const wrongOrigin = await post('/api/auth/webauthn/login', half, { response: key.assert(opts, { ...ceremony(), origin: 'https://phish.example' }) });
    assert.equal(wrongOrigin.statusCode, 422, wrongOrigin.body);
    assert.match(wrongOrigin.body, /origin/i);
    const opts2 = body(await post('/api/auth/webauthn/login/options', half));
    const wrongRp = await post('/api/auth/webauthn/login', half, { response: key.assert(opts2, { ...ceremony(), rpId: 'phish.example' }) });
    assert.equal(wrongRp.statusCode, 422, wrongRp.body);
    // Registration from another origin is refused as well, and nothing is stored.
    const other = new SoftAuthenticator();
    const ro = body(await post('/api/auth/webauthn/register/options', u.cookie));
    const reg = await post('/api/auth/webauthn/register', u.cookie, { name: 'x', response: other.register(ro, { ...ceremony(), origin: 'https://phish.example' }) });
    assert.equal(reg.statusCode, 422, reg.body);
    assert.equal(await h.handle.db.selectFrom('webauthn_credential').select('id').where('id', '=', other.id).executeTakeFirst(), undefined);
  });

  test("another user's key is refused at sign-in and cannot be listed or deleted", async () => {
    const alice = await h.user(['ANALYST']);
    const bob = await h.user(['ANALYST']);
    const aliceKey = await registerKey(alice);
    await registerKey(bob, 'Bob key');
    const half = await halfway(bob);
    const opts = body(await post('/api/auth/webauthn/login/options', half));
    const res = await post('/api/auth/webauthn/login', half, { response: aliceKey.assert(opts, ceremony()) });
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.body, /not a security key of this user/);
    const list = body(await h.app.inject({ method: 'GET', url: '/api/auth/webauthn/credentials', headers: { cookie: bob.cookie } }));
    assert.deepEqual(list.items.map((c: { name: string }) => c.name), ['Bob key']);
    const del = await h.app.inject({ method: 'DELETE', url: `/api/auth/webauthn/credentials/${aliceKey.id}`, headers: { cookie: bob.cookie } });
    assert.equal(del.statusCode, 404);
    assert.ok(await h.handle.db.selectFrom('webauthn_credential').select('id').where('id', '=', aliceKey.id).executeTakeFirst(), 'still there');
  });

  test('refused keys count towards the lockout: the fifth locks the account and ends the half-way session', async () => {
    const u = await h.user(['ANALYST']);
    const key = await registerKey(u);
    const half = await halfway(u);
    let last: Res | undefined;
    for (let i = 0; i < MAX_FAILURES; i++) {
      const opts = body(await post('/api/auth/webauthn/login/options', half));
      last = await post('/api/auth/webauthn/login', half, { response: key.assert(opts, { ...ceremony(), origin: 'https://phish.example' }) });
    }
    assert.equal(last!.statusCode, 401, 'the fifth failure locks the account and ends the session');
    assert.ok((await failures(u.id)).locked_until);
    assert.equal((await post('/api/auth/webauthn/login/options', half)).statusCode, 401);
  });

  test('a user without a key gets no options; deleting the key works and is audited', async () => {
    const u = await h.user(['ANALYST']);
    const half = await halfway(u);
    assert.equal((await post('/api/auth/webauthn/login/options', half)).statusCode, 409);
    const key = await registerKey(u);
    const del = await h.app.inject({ method: 'DELETE', url: `/api/auth/webauthn/credentials/${key.id}`, headers: { cookie: u.cookie } });
    assert.equal(del.statusCode, 204, del.body);
    assert.equal(await h.handle.db.selectFrom('webauthn_credential').select('id').where('id', '=', key.id).executeTakeFirst(), undefined);
    assert.ok((await h.auditRows('auth.webauthn_delete')).some((r) => r.actor === u.username && r.outcome === 'success'));
    const me = body(await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } }));
    assert.deepEqual(me.secondFactors, { totp: true, passkeys: 0 });
    // The same registration answer cannot be replayed: its challenge was used.
    const opts = body(await post('/api/auth/webauthn/register/options', u.cookie));
    const answer = new SoftAuthenticator().register(opts, ceremony());
    assert.equal((await post('/api/auth/webauthn/register', u.cookie, { name: 'k', response: answer })).statusCode, 201);
    assert.equal((await post('/api/auth/webauthn/register', u.cookie, { name: 'k', response: answer })).statusCode, 422);
    assert.equal((await post('/api/auth/webauthn/register', u.cookie, { name: '', response: answer })).statusCode, 422, 'an empty name is bad input');
  });

  test('an expired challenge is refused', async () => {
    const u = await h.user(['ANALYST']);
    const key = await registerKey(u);
    const half = await halfway(u);
    const opts = body(await post('/api/auth/webauthn/login/options', half));
    // Age the stored challenge past its expiry (purpose:expires-ms:challenge).
    await h.handle.db.updateTable('user_session').set({ webauthn_challenge: `login:${Date.now() - 1}:${opts.challenge}` })
      .where('webauthn_challenge', 'like', `login:%:${opts.challenge}`).execute();
    const res = await post('/api/auth/webauthn/login', half, { response: key.assert(opts, ceremony()) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /expired/);
  });
});
