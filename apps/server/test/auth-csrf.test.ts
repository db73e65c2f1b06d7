// R20: headers on every route, cross-site requests refused and audited, no GET changes state.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { body, samplePerson, startHarness, type Harness, type TestUser } from './harness';

let h: Harness;
let admin: TestUser;
before(async () => { h = await startHarness(); admin = await h.user(['ADMINISTRATOR', 'CUSTODY_OFFICER']); });
after(async () => { await h.close(); });

const userCount = async () => Number((await h.handle.db.selectFrom('app_user').select(h.handle.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const csrfDenials = async () => (await h.auditRows('access.denied')).filter((r) => String((r.details as { reason?: string }).reason).startsWith('csrf:'));

describe('R20: CSRF and headers', () => {
  test('a cross-site form POST carrying the session cookie is refused with 403, audited, and changes nothing', async () => {
    const before = await userCount();
    const denials = (await csrfDenials()).length;
    // What a browser sends for <form method=post enctype=text/plain action=https://custodian/api/users> on another site.
    const res = await h.rawInject({
      method: 'POST', url: '/api/users',
      headers: { cookie: admin.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      payload: '{"username":"planted","displayName":"x","roles":["ADMINISTRATOR"],"clearance":"CONFIDENTIAL","password":"planted password 1"}',
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.match(body(res).detail, /cross-site/);
    assert.equal(await userCount(), before);
    const rows = await csrfDenials();
    assert.equal(rows.length, denials + 1);
    assert.equal(rows.at(-1)!.actor, admin.username, 'the refusal names whose cookie was used');
  });

  test('each guard holds on its own: the header is required, a foreign Origin or Sec-Fetch-Site is refused', async () => {
    const payload = { username: 'csrf-ok', displayName: 'x', roles: ['ANALYST'], clearance: 'RESTRICTED', password: 'long enough password' };
    const cases: [Record<string, string>, number][] = [
      [{}, 403], // an old browser without Origin or Fetch metadata: the missing header still stops it
      [{ 'x-custodian-csrf': '1', origin: 'https://evil.example' }, 403],
      [{ 'x-custodian-csrf': '1', origin: 'null' }, 403],
      [{ 'x-custodian-csrf': '1', 'sec-fetch-site': 'same-site' }, 403],
      [{ 'x-custodian-csrf': '0' }, 403],
      [{ 'x-custodian-csrf': '1', origin: 'http://localhost:8080', host: 'localhost:8080', 'sec-fetch-site': 'same-origin' }, 201],
    ];
    for (const [headers, status] of cases) {
      const res = await h.rawInject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie, ...headers }, payload });
      assert.equal(res.statusCode, status, `${JSON.stringify(headers)}: ${res.body}`);
    }
    // Login CSRF (signing a victim into the attacker's account) is refused too.
    const login = await h.rawInject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: admin.username, password: 'x' } });
    assert.equal(login.statusCode, 403);
    assert.equal((await h.rawInject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin.cookie } })).statusCode, 200, 'reads need no header');
  });

  test('every route answers with HSTS, a CSP that forbids framing, nosniff, and no-store on the API', async () => {
    const routes = h.app.routeAccess.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));
    assert.ok(routes.length > 20);
    const walker = await h.user(['ADMINISTRATOR']); // its session ends at the logout route
    for (const r of routes) {
      const url = r.url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000').replace('*', 'x');
      const res = await h.app.inject({ method: r.method as 'GET', url, headers: { cookie: walker.cookie } });
      const where = `${r.method} ${r.url} (${res.statusCode})`;
      assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/, where);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, where);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
      if (url.startsWith('/api')) assert.equal(res.headers['cache-control'], 'no-store', where);
      assert.ok(res.statusCode < 500, `${where}: ${res.body.slice(0, 200)}`);
    }
  });

  test('no GET changes state: every table but the audit log and session clocks is the same after calling each GET route', async () => {
    const { facilityId } = await h.operation();
    const p = await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: admin.cookie }, payload: samplePerson(facilityId) });
    assert.equal(p.statusCode, 201, p.body);
    const snapshot = async () => {
      const tables = (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(h.handle.db)).rows
        .map((t) => t.table_name).filter((t) => !['audit_log', 'user_session', 'audit_checkpoint', 'kysely_migration', 'kysely_migration_lock'].includes(t));
      const out: Record<string, string> = {};
      for (const t of tables) {
        const r = await sql<{ d: string }>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from ${sql.table(t)} x`.execute(h.handle.db);
        out[t] = r.rows[0]!.d;
      }
      return out;
    };
    const before = await snapshot();
    assert.ok(Object.keys(before).includes('app_user') && Object.keys(before).includes('person'));
    const gets = h.app.routeAccess.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    for (const r of gets) {
      const url = r.url.replace(':id', String(body(p).id)).replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      await h.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    }
    assert.deepEqual(await snapshot(), before);
  });
});
