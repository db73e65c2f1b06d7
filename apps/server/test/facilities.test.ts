import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { body, samplePerson, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

const newFacility = (operationId: string, over: Record<string, unknown> = {}) => ({
  operationId, code: 'RECV-1', name: 'Receiving facility', kind: 'RECEIVING_FACILITY', holdingAuthority: 'Host government', country: 'IRQ',
  latitude: 33.26, longitude: 44.23, locationClassification: 'SECRET', capacityCertified: 1000, capacityWorking: 1200, capacityMaximum: 1500, ...over,
});

describe('facilities and dashboard', () => {
  test('a classified location is absent for readers below it, present for those cleared', async () => {
    const { operationId } = await h.operation();
    const planner = await h.user(['OPERATIONS_PLANNER'], 'SECRET');
    const res = await h.app.inject({ method: 'POST', url: '/api/facilities', headers: { cookie: planner.cookie }, payload: newFacility(operationId) });
    assert.equal(res.statusCode, 201, res.body);
    const id = body(res).id;
    const low = await h.user(['ANALYST'], 'RESTRICTED');
    const seen = body(await h.app.inject({ method: 'GET', url: `/api/facilities/${id}`, headers: { cookie: low.cookie } }));
    assert.equal('latitude' in seen, false, 'a hidden field is absent, not null');
    assert.equal('longitude' in seen, false);
    assert.deepEqual(seen.hiddenFields, ['latitude', 'longitude']);
    const cleared = body(await h.app.inject({ method: 'GET', url: `/api/facilities/${id}`, headers: { cookie: planner.cookie } }));
    assert.equal(cleared.latitude, 33.26);
  });

  test('capacities are checked; a duplicate code conflicts; only planners and administrators write', async () => {
    const { operationId } = await h.operation();
    const planner = await h.user(['OPERATIONS_PLANNER']);
    const bad = await h.app.inject({ method: 'POST', url: '/api/facilities', headers: { cookie: planner.cookie }, payload: newFacility(operationId, { capacityWorking: 2000 }) });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /capacityWorking/);
    const dup = await h.app.inject({ method: 'POST', url: '/api/facilities', headers: { cookie: planner.cookie }, payload: newFacility(operationId, { code: 'PRISON-A' }) });
    assert.equal(dup.statusCode, 409);
    const officer = await h.user(['CUSTODY_OFFICER']);
    assert.equal((await h.app.inject({ method: 'POST', url: '/api/facilities', headers: { cookie: officer.cookie }, payload: newFacility(operationId) })).statusCode, 403);
  });

  test('raising the risk level keeps a history with the reason; updates need If-Match', async () => {
    const { facilityId } = await h.operation();
    const planner = await h.user(['OPERATIONS_PLANNER']);
    const patch = (ifMatch: string | null, payload: object) => h.app.inject({ method: 'PATCH', url: `/api/facilities/${facilityId}`, headers: { cookie: planner.cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload });
    assert.equal((await patch(null, { riskLevel: 'CRITICAL' })).statusCode, 428);
    const ok = await patch('"1"', { riskLevel: 'CRITICAL', riskNote: 'fighting spreading east' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await patch('"1"', { riskLevel: 'LOW' })).statusCode, 412);
    const hist = body(await h.app.inject({ method: 'GET', url: `/api/facilities/${facilityId}/risk-history`, headers: { cookie: planner.cookie } }));
    assert.deepEqual(hist.map((e: { level: string }) => e.level), ['CRITICAL', 'HIGH']);
    assert.equal(hist[0].note, 'fighting spreading east');
    assert.equal(hist[0].recordedBy, planner.username);
    const audit = (await h.auditRows('facility.update')).filter((r) => r.object_id === facilityId);
    assert.equal(audit.length, 1);
  });

  test('the dashboard counts what the registry holds, within the reader\'s clearance', async () => {
    const { operationId, facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'SECRET');
    await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId, { riskClass: 'HVD', classification: 'SECRET' }) });
    await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId, { dateOfBirth: { kind: 'UNKNOWN' } }) });
    const get = async (cookie: string) => body(await h.app.inject({ method: 'GET', url: `/api/dashboard?operationId=${operationId}`, headers: { cookie } }));
    const d = await get(officer.cookie);
    assert.equal(d.totals.persons, 2);
    assert.equal(d.totals.flagged, 1);
    assert.equal(d.byRiskClass.find((r: { key: string }) => r.key === 'HVD').count, 1);
    assert.equal(d.byFacility.find((f: { id: string }) => f.id === facilityId).population, 2);
    assert.deepEqual(d.byNationality, [{ key: 'TUN', label: 'Tunisia', count: 2 }]);
    const low = await h.user(['ANALYST'], 'RESTRICTED');
    assert.equal((await get(low.cookie)).totals.persons, 1);
  });
});

describe('operations', () => {
  test('planners create operations; dates must be in order; codes are unique; audited', async () => {
    const planner = await h.user(['OPERATIONS_PLANNER']);
    const create = (payload: object) => h.app.inject({ method: 'POST', url: '/api/operations', headers: { cookie: planner.cookie }, payload });
    const ok = await create({ code: 'OP-TEST-1', name: 'Test', targetPersons: 100, startDate: '2026-01-21', endDate: '2026-02-28' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(body(ok).startDate, '2026-01-21');
    assert.equal((await create({ code: 'OP-TEST-1', name: 'Again', targetPersons: 1 })).statusCode, 409);
    const bad = await create({ code: 'OP-TEST-2', name: 'x', targetPersons: 1, startDate: '2026-03-01', endDate: '2026-02-01' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /end date is before/);
    assert.equal((await h.auditRows('operation.create')).filter((r) => r.object_id === body(ok).id).length, 1);
    const analyst = await h.user(['ANALYST']);
    assert.equal((await h.app.inject({ method: 'POST', url: '/api/operations', headers: { cookie: analyst.cookie }, payload: { code: 'OP-X', name: 'x', targetPersons: 1 } })).statusCode, 403);
  });
});
