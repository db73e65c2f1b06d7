// R15 through HTTP: every role × clearance × assignment against persons of every classification
// and a facility whose location is SECRET, for read, search, update and facility update, including
// another operation's record by id in the URL. The shared policy is the specification: 0
// unauthorised successes, invisible → 404, visible but not allowed → 403, hidden fields absent,
// every denial audited exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLEARANCE_LEVELS, ROLES, facilityPolicy, permissionsOf, personPolicy, type Clearance, type Permission, type PolicyActor, type Role,
} from '@custodian/contracts';
import { body, samplePerson, startHarness, type Harness } from '../harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

type Rec = { id: string; classification: Clearance; operationId: string; facilityId: string };

describe('R15 access matrix over HTTP', { timeout: 1_800_000 }, () => {
  test('role × clearance × classification × assignment × action: outcomes equal the policy', async () => {
    const mine = await h.operation();
    const writer = await h.user(['CUSTODY_OFFICER'], 'SECRET');
    const other = await h.operation();
    const planner = await h.user(['OPERATIONS_PLANNER'], 'SECRET');
    const persons: Rec[] = [];
    for (const op of [mine, other]) {
      for (const classification of CLEARANCE_LEVELS) {
        const res = await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: writer.cookie }, payload: samplePerson(op.facilityId, { classification }) });
        assert.equal(res.statusCode, 201, res.body);
        persons.push({ id: body(res).id, classification, operationId: op.operationId, facilityId: op.facilityId });
      }
    }
    const fac = await h.app.inject({ method: 'POST', url: '/api/facilities', headers: { cookie: planner.cookie }, payload: {
      operationId: mine.operationId, code: 'R15-SITE', name: 'R15 site', kind: 'RECEIVING_FACILITY', holdingAuthority: 'Host', country: 'IRQ',
      latitude: 33, longitude: 44, locationClassification: 'SECRET', capacityCertified: 5, capacityWorking: 5, capacityMaximum: 5,
    } });
    assert.equal(fac.statusCode, 201, fac.body);
    const facility = { id: body(fac).id as string, operationId: mine.operationId, classification: 'UNCLASSIFIED', locationClassification: 'SECRET' };

    const stats = { calls: 0, successes: 0, unauthorised: 0, notFound: 0, forbidden: 0, denialsUnaudited: 0 };
    const expectStatus = (permission: Permission, perms: Set<Permission>, read: boolean, allowed: boolean) =>
      !perms.has(permission) ? 403 : !read ? 404 : !allowed ? 403 : 200;
    const check = async (label: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }, expected: number, auditAction: string) => {
      stats.calls++;
      if (res.statusCode === 200) stats.successes++;
      if (res.statusCode === 200 && expected !== 200) stats.unauthorised++;
      if (res.statusCode === 404) stats.notFound++;
      if (res.statusCode === 403) stats.forbidden++;
      assert.equal(res.statusCode, expected, `${label}: ${res.body.slice(0, 200)}`);
      if (expected !== 200) {
        const rows = (await h.auditRows()).filter((r) => r.request_id === res.headers['x-request-id'] && (r.outcome === 'denied' || r.outcome === 'failed'));
        if (rows.length !== 1) stats.denialsUnaudited++;
        assert.equal(rows.length, 1, `${label}: one audit row for the denial (${auditAction})`);
      }
    };

    for (const role of ROLES) for (const clearance of CLEARANCE_LEVELS) for (const assigned of [true, false]) {
      const u = await h.user([role as Role], clearance, { assigned });
      const perms = permissionsOf([role as Role]);
      if (assigned) await h.assign(u.id, { operationIds: [mine.operationId] }); // works on one operation only; the other's records come by id
      const policyActor: PolicyActor = {
        roles: [role as Role], clearance, permissions: perms,
        assignments: { operationIds: assigned ? [mine.operationId] : [], facilityIds: [], facilityOperationIds: [] },
      };
      const who = `${role}/${clearance}/${assigned ? 'assigned' : 'unassigned'}`;
      for (const p of persons) {
        const d = personPolicy(policyActor, p);
        const read = await h.app.inject({ method: 'GET', url: `/api/persons/${p.id}`, headers: { cookie: u.cookie } });
        await check(`${who} GET person ${p.classification}`, read, expectStatus('persons:read', perms, d.read, true), 'person.read');
        if (read.statusCode === 200) assert.deepEqual(body(read).allowedActions, d.actions, `${who} allowedActions`);
        const version = body(await h.app.inject({ method: 'GET', url: `/api/persons/${p.id}`, headers: { cookie: writer.cookie } })).version;
        const patch = await h.app.inject({ method: 'PATCH', url: `/api/persons/${p.id}`, headers: { cookie: u.cookie, 'if-match': `"${version}"` }, payload: { placeOfBirth: `by ${u.username}` } });
        await check(`${who} PATCH person ${p.classification}`, patch, expectStatus('persons:write', perms, d.read, d.update), 'access.denied');
      }
      const search = await h.app.inject({ method: 'GET', url: '/api/persons?pageSize=200&q=Yusuf', headers: { cookie: u.cookie } });
      if (perms.has('persons:read')) {
        const ids = new Set(body(search).items.map((i: { id: string }) => i.id));
        for (const p of persons) assert.equal(ids.has(p.id), personPolicy(policyActor, p).read, `${who} search lists ${p.classification} iff the policy lets them read it`);
      } else assert.equal(search.statusCode, 403);
      const fd = facilityPolicy(policyActor, facility);
      const fget = await h.app.inject({ method: 'GET', url: `/api/facilities/${facility.id}`, headers: { cookie: u.cookie } });
      await check(`${who} GET facility`, fget, expectStatus('facilities:read', perms, fd.read, true), 'access.denied');
      if (fget.statusCode === 200) {
        const f = body(fget);
        assert.equal('latitude' in f, !fd.hiddenFields.includes('latitude'), `${who} latitude present iff not hidden`);
        assert.deepEqual(f.allowedActions, fd.actions);
      }
      const fver = body(await h.app.inject({ method: 'GET', url: `/api/facilities/${facility.id}`, headers: { cookie: planner.cookie } })).version;
      const fpatch = await h.app.inject({ method: 'PATCH', url: `/api/facilities/${facility.id}`, headers: { cookie: u.cookie, 'if-match': `"${fver}"` }, payload: { capacityCertified: 5 } });
      await check(`${who} PATCH facility`, fpatch, expectStatus('facilities:write', perms, fd.read, fd.update), 'access.denied');
    }
    process.stdout.write(`R15: ${JSON.stringify(stats)}\n`);
    assert.equal(stats.unauthorised, 0);
    assert.equal(stats.denialsUnaudited, 0);
    assert.ok(stats.successes > 0 && stats.notFound > 0 && stats.forbidden > 0, JSON.stringify(stats));
  });
});
