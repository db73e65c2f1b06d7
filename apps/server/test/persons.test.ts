import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { body, samplePerson, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

const post = (cookie: string, payload: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie, ...headers }, payload: payload as object });

describe('persons', () => {
  test('intake registers a person and writes its audit row in the same transaction', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const res = await post(officer.cookie, samplePerson(facilityId));
    assert.equal(res.statusCode, 201, res.body);
    const p = body(res);
    assert.match(p.systemNumber, /^CUS-\d{6}$/);
    assert.equal(res.headers.etag, '"1"');
    const audit = (await h.auditRows('person.create')).filter((r) => r.object_id === p.id);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, officer.username);
    assert.equal(audit[0]!.request_id, res.headers['x-request-id']);
  });

  test('a record missing a CED 17(3) element is refused with 422 naming it, and nothing is stored', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const before = await h.handle.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const bad = samplePerson(facilityId);
    const { orderingAuthority: _o, ...intake } = bad.intake;
    const res = await post(officer.cookie, { ...bad, intake });
    assert.equal(res.statusCode, 422);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    const prob = body(res);
    assert.ok(prob.errors.some((e: { path: string }) => e.path.includes('intake.orderingAuthority')), res.body);
    const res2 = await post(officer.cookie, { ...bad, intake: { ...bad.intake, arrestPlace: '' } });
    assert.equal(res2.statusCode, 422);
    assert.match(res2.body, /CED 17\(3\)\(d\)/);
    const after = await h.handle.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  test('search finds a person by variant spellings, Arabic script, kunya and number', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const created = body(await post(officer.cookie, samplePerson(facilityId, { identifiers: [{ scheme: 'ROSTER:SEARCH', value: 'PAN-778 12' }] })));
    const find = async (q: string) => {
      const res = await h.app.inject({ method: 'GET', url: `/api/persons?facilityId=${facilityId}&q=${encodeURIComponent(q)}`, headers: { cookie: officer.cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return body(res).items.map((i: { id: string }) => i.id) as string[];
    };
    for (const q of ['Youssef el-Hassan', 'yousef khaled', 'يوسف الحسن', 'يُوسُف', 'Abou Hamzah', 'pan77812', 'PAN-778 12', created.systemNumber]) {
      assert.deepEqual(await find(q), [created.id], `query ${q}`);
    }
    assert.deepEqual(await find('Omar al-Iraqi'), []);
  });

  test('search filters by facility, nationality, status and risk class and pages on the server', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    for (let i = 0; i < 3; i++) await post(officer.cookie, samplePerson(facilityId, { nationalities: [{ country: i ? 'TUN' : 'KAZ', status: 'CLAIMED' }], riskClass: i ? 'LOW' : 'HVD' }));
    const get = async (qs: string) => body((await h.app.inject({ method: 'GET', url: `/api/persons?facilityId=${facilityId}&${qs}`, headers: { cookie: officer.cookie } })));
    assert.equal((await get('nationality=KAZ')).total, 1);
    assert.equal((await get('riskClass=LOW')).total, 2);
    assert.equal((await get('status=HELD')).total, 3);
    const page = await get('pageSize=2&page=2');
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 1);
    const bad = await h.app.inject({ method: 'GET', url: '/api/persons?riskClass=EXTREME', headers: { cookie: officer.cookie } });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /riskClass/);
  });

  test('a record classified above the reader answers 404, and the read is audited', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'SECRET');
    const secret = body(await post(officer.cookie, samplePerson(facilityId, { classification: 'SECRET' })));
    const low = await h.user(['ANALYST'], 'RESTRICTED');
    const res = await h.app.inject({ method: 'GET', url: `/api/persons/${secret.id}`, headers: { cookie: low.cookie } });
    assert.equal(res.statusCode, 404);
    const list = body(await h.app.inject({ method: 'GET', url: `/api/persons?facilityId=${facilityId}`, headers: { cookie: low.cookie } }));
    assert.equal(list.items.some((i: { id: string }) => i.id === secret.id), false);
    const ok = await h.app.inject({ method: 'GET', url: `/api/persons/${secret.id}`, headers: { cookie: officer.cookie } });
    assert.equal(ok.statusCode, 200);
    const reads = (await h.auditRows('person.read')).filter((r) => r.object_id === secret.id);
    assert.deepEqual(reads.map((r) => r.outcome), ['failed', 'success']);
  });

  test('denials: 401 without a session, 403 without the permission, both audited', async () => {
    const { facilityId } = await h.operation();
    const anon = await h.app.inject({ method: 'POST', url: '/api/persons', payload: samplePerson(facilityId) });
    assert.equal(anon.statusCode, 401);
    const analyst = await h.user(['ANALYST'], 'SECRET');
    const res = await post(analyst.cookie, samplePerson(facilityId));
    assert.equal(res.statusCode, 403);
    const denied = (await h.auditRows('access.denied')).map((r) => r.request_id);
    assert.ok(denied.includes(anon.headers['x-request-id'] as string));
    assert.ok(denied.includes(res.headers['x-request-id'] as string));
  });

  test('R12 lost updates: If-Match required, stale version 412, one winner', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const p = body(await post(officer.cookie, samplePerson(facilityId)));
    const patch = (ifMatch: string | undefined, payload: object) => h.app.inject({
      method: 'PATCH', url: `/api/persons/${p.id}`, payload,
      headers: { cookie: officer.cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    });
    assert.equal((await patch(undefined, { placeOfBirth: 'Tunis' })).statusCode, 428);
    const [a, b] = await Promise.all([patch('"1"', { placeOfBirth: 'Tunis' }), patch('"1"', { placeOfBirth: 'Sfax' })]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 412]);
    const now = body(await h.app.inject({ method: 'GET', url: `/api/persons/${p.id}`, headers: { cookie: officer.cookie } }));
    assert.equal(now.version, 2);
    assert.equal(now.identifiers.length, 1, 'a patch without identifiers keeps them');
  });

  test('R11 idempotency: replay, other body, concurrent, other user', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const other = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const payload = samplePerson(facilityId);
    const k = { 'idempotency-key': 'key-0000001' };
    const first = await post(officer.cookie, payload, k);
    const second = await post(officer.cookie, payload, k);
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.body, first.body);
    assert.equal(second.headers['idempotency-replayed'], 'true');
    const n = await h.handle.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).where('facility_id', '=', facilityId).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 1);
    assert.equal((await post(officer.cookie, samplePerson(facilityId), k)).statusCode, 422);
    const otherUser = await post(other.cookie, samplePerson(facilityId), k);
    assert.equal(otherUser.statusCode, 201);
    assert.notEqual(body(otherUser).id, body(first).id);
    const k2 = { 'idempotency-key': 'key-0000002' };
    const p2 = samplePerson(facilityId);
    const results = await Promise.all([post(officer.cookie, p2, k2), post(officer.cookie, p2, k2)]);
    const codes = results.map((r) => r.statusCode).sort();
    assert.ok(codes[0] === 201 && (codes[1] === 409 || codes[1] === 201), `codes ${codes}`);
    const created = await h.handle.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).where('facility_id', '=', facilityId).executeTakeFirstOrThrow();
    assert.equal(Number(created.n), 3, 'two concurrent requests with one key create one person');
  });
});

describe('search counting', () => {
  test('past the cap a name search answers "at least", filters alone count exactly', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    for (let i = 0; i < 3; i++) await post(officer.cookie, samplePerson(facilityId));
    const { searchPersons } = await import('../src/modules/persons/person.repo');
    const { AccessDb } = await import('../src/platform/access/access-db');
    const system = AccessDb.system(h.handle.db, 'test');
    const capped = await system.run((t) => searchPersons(t, { q: 'Yusuf', facilityId, page: 1, pageSize: 50 }, 2));
    assert.deepEqual([capped.total, capped.totalIsLowerBound, capped.items.length], [2, true, 3]);
    const exact = await system.run((t) => searchPersons(t, { q: 'Yusuf', facilityId, page: 1, pageSize: 50 }, 3));
    assert.deepEqual([exact.total, exact.totalIsLowerBound], [3, false]);
    const filtered = await system.run((t) => searchPersons(t, { facilityId, page: 1, pageSize: 50 }, 2));
    assert.deepEqual([filtered.total, filtered.totalIsLowerBound], [3, false]);
    const viaHttp = body(await h.app.inject({ method: 'GET', url: `/api/persons?facilityId=${facilityId}&q=yusuf`, headers: { cookie: officer.cookie } }));
    assert.deepEqual([viaHttp.total, viaHttp.totalIsLowerBound], [3, false]);
  });
});
