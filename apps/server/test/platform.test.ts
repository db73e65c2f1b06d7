import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assessDurability } from '../src/platform/db/connect';
import { Writable } from 'node:stream';
import { buildApp, loggedUrl } from '../src/app';
import { loadConfig } from '../src/config';
import { body, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

describe('platform', () => {
  test('the public routes are exactly these', () => {
    const pub = h.app.routeAccess.filter((r) => r.access === 'public' && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(pub, ['GET /', 'GET /health', 'POST /api/auth/login']);
  });

  test('a route that declares no access stops the server at boot', async () => {
    const app = await buildApp({ handle: h.handle, config: loadConfig({ CUSTODIAN_PROFILE: 'test' }) });
    assert.throws(() => app.get('/api/undeclared', async () => 'x'), /declares no access/);
    app.get('/api/declared', { config: { access: 'persons:read' } }, async () => 'x');
    await app.close();
  });

  test('every API route declares a permission, not just a login, unless it is about the session itself', () => {
    const loose = h.app.routeAccess.filter((r) => r.access === 'authenticated' && r.method !== 'HEAD').map((r) => r.url).sort();
    assert.deepEqual([...new Set(loose)], ['/api/auth/logout', '/api/auth/me', '/api/auth/password', '/api/auth/totp/confirm', '/api/auth/totp/setup', '/api/auth/totp/verify',
      '/api/auth/webauthn/credentials', '/api/auth/webauthn/credentials/:id', '/api/auth/webauthn/login', '/api/auth/webauthn/login/options',
      '/api/auth/webauthn/register', '/api/auth/webauthn/register/options']);
  });

  test('R13: PGlite reports itself non-durable in /health; a server is judged by its settings', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    const b = body(res);
    if (h.engine === 'pglite') assert.equal(b.durable, false);
    else assert.equal(typeof b.durable, 'boolean');
    assert.equal(assessDurability({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' }), true);
    assert.equal(assessDurability({ fsync: 'off', synchronous_commit: 'on', full_page_writes: 'on' }), false);
    assert.equal(assessDurability({ fsync: 'on', synchronous_commit: 'off', full_page_writes: 'on' }), false);
    assert.equal(assessDurability({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'off' }), false);
  });

  test('errors are problem+json from one closed set, never a 500 for bad input', async () => {
    const u = await h.user(['ADMINISTRATOR']);
    const cases = [
      { req: { method: 'GET' as const, url: '/api/nope' }, status: 404 },
      { req: { method: 'POST' as const, url: '/api/persons', headers: { cookie: u.cookie, 'content-type': 'application/json' }, payload: '{"names": [' }, status: 400 },
      { req: { method: 'POST' as const, url: '/api/facilities', headers: { cookie: u.cookie }, payload: { code: 'x'.repeat(2_000_000) } }, status: 413 },
      { req: { method: 'GET' as const, url: '/api/facilities/not-a-uuid', headers: { cookie: u.cookie } }, status: 422 },
      { req: { method: 'GET' as const, url: `/api/persons/${'a'.repeat(5000)}`, headers: { cookie: u.cookie } }, status: 414 },
      { req: { method: 'GET' as const, url: '/api/persons/%E0%A4%A', headers: { cookie: u.cookie } }, status: 400 },
      { req: { method: 'POST' as const, url: '/api/auth/login', payload: { username: 'x\u0000y', password: 'p' } }, status: 422 },
      { req: { method: 'GET' as const, url: '/api/persons?q=%00abc', headers: { cookie: u.cookie } }, status: 422 },
      { req: { method: 'POST' as const, url: '/api/persons', headers: { cookie: u.cookie, 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}}' }, status: 400 },
    ];
    for (const c of cases) {
      const res = await h.app.inject(c.req);
      assert.equal(res.statusCode, c.status, `${c.req.method} ${c.req.url}: ${res.body.slice(0, 200)}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const p = body(res);
      assert.equal(p.status, c.status);
      assert.ok(p.requestId);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+|SELECT|INSERT/i);
    }
  });

  test('security headers on every answer; API answers are not cached', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health' });
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('the OpenAPI document is generated from the schemas', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = body(res);
    assert.ok(doc.paths['/api/persons'].get);
    assert.ok(doc.paths['/api/imports'].post);
  });
});

describe('denials for every route', () => {
  test('each protected route answers 401 without a session and 403 to a role without its permission, and audits both', async () => {
    const { ROLES, ROLE_PERMISSIONS } = await import('@custodian/contracts');
    const routes = h.app.routeAccess.filter((r) => r.method !== 'HEAD' && r.access !== 'public');
    const users = new Map<string, string>();
    let checked403 = 0;
    for (const r of routes) {
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const anon = await h.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      assert.equal(anon.statusCode, 401, `${r.method} ${r.url} without a session`);
      const denied = await h.auditRows('access.denied');
      assert.ok(denied.some((d) => d.request_id === anon.headers['x-request-id']), `${r.method} ${r.url}: 401 audited`);
      if (r.access === 'authenticated') continue;
      const role = ROLES.find((x) => !ROLE_PERMISSIONS[x].includes(r.access as never));
      if (!role) continue; // every role holds it (reading the registry)
      if (!users.has(role)) users.set(role, (await h.user([role])).cookie);
      const res = await h.app.inject({ method: r.method as 'GET', url, headers: { cookie: users.get(role)! }, payload: r.method === 'GET' ? undefined : {} });
      assert.equal(res.statusCode, 403, `${r.method} ${r.url} as ${role}`);
      checked403++;
    }
    assert.ok(checked403 >= 8, `403 checked on ${checked403} routes`);
  });

  test('the request log keeps the path and the names of query parameters, never their values', async () => {
    assert.equal(loggedUrl('/api/persons?q=Name%20Here&facilityId=abc'), '/api/persons?q=…&facilityId=…');
    assert.equal(loggedUrl('/api/persons'), '/api/persons');
    const lines: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString('utf8')); cb(); } });
    const app = await buildApp({ handle: h.handle, config: loadConfig({ CUSTODIAN_PROFILE: 'test', LOG_LEVEL: 'info' }), logger: true, logStream: stream });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/persons?q=Canaryname&facilityId=f-1' });
      assert.equal(res.statusCode, 401);
      const log = lines.join('');
      assert.match(log, /"url":"\/api\/persons\?q=…&facilityId=…"/);
      assert.doesNotMatch(log, /Canaryname|f-1/);
    } finally { await app.close(); }
  });
});
