// Need-to-know through HTTP (R15): assignments decide what a user sees; an invisible record
// answers 404, a visible one the actor may not change 403; hidden fields are absent; overrides in
// the body change nothing; every denial is audited; the policy's answer travels with the record.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { body, samplePerson, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

const get = (cookie: string, url: string) => h.app.inject({ method: 'GET', url, headers: { cookie } });
const newPerson = async (cookie: string, facilityId: string, over: Record<string, unknown> = {}) => {
  const res = await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie }, payload: samplePerson(facilityId, over) });
  assert.equal(res.statusCode, 201, res.body);
  return body(res);
};
const denials = async (requestId: unknown) => (await h.auditRows('access.denied')).filter((r) => r.request_id === requestId);

describe('assignments', () => {
  test('an administrator sets what a user works on; the user then sees exactly that; audited; others may not', async () => {
    const a = await h.operation();
    const b = await h.operation();
    const writer = await h.user(['CUSTODY_OFFICER'], 'SECRET');
    const inA = await newPerson(writer.cookie, a.facilityId);
    const inB = await newPerson(writer.cookie, b.facilityId);
    const admin = await h.user(['ADMINISTRATOR'], 'SECRET');
    const officer = await h.user(['ANALYST'], 'SECRET', { assigned: false });
    const ids = async () => body(await get(officer.cookie, '/api/persons?pageSize=200')).items.map((p: { id: string }) => p.id) as string[];
    assert.deepEqual(await ids(), [], 'no assignment, nothing visible');
    assert.equal((await get(officer.cookie, `/api/persons/${inA.id}`)).statusCode, 404);
    assert.deepEqual(body(await get(officer.cookie, '/api/facilities')), []);
    assert.deepEqual(body(await get(officer.cookie, '/api/operations')), []);

    const put = (cookie: string, payload: unknown) => h.app.inject({ method: 'PUT', url: `/api/users/${officer.id}/assignments`, headers: { cookie }, payload: payload as object });
    const res = await put(admin.cookie, { operationIds: [], facilityIds: [b.facilityId] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(body(res), { userId: officer.id, operationIds: [], facilityIds: [b.facilityId], unrestricted: false });
    assert.deepEqual(await ids(), [inB.id]);
    assert.deepEqual(body(await get(officer.cookie, '/api/facilities')).map((f: { id: string }) => f.id), [b.facilityId]);
    assert.deepEqual(body(await get(officer.cookie, '/api/operations')).map((o: { id: string }) => o.id), [b.operationId], 'the operation of an assigned facility is visible');
    assert.equal((await get(officer.cookie, `/api/persons/${inA.id}`)).statusCode, 404, 'another operation\'s person by URL');
    const audit = (await h.auditRows('user.assignments')).filter((r) => r.object_id === officer.id);
    assert.equal(audit.length, 1);
    assert.deepEqual((audit[0]!.details as { facilitiesAdded: string[] }).facilitiesAdded, [b.facilityId]);
    assert.deepEqual(body(await get(admin.cookie, `/api/users/${officer.id}/assignments`)).facilityIds, [b.facilityId]);

    assert.equal((await put(officer.cookie, { operationIds: [a.operationId], facilityIds: [] })).statusCode, 403, 'only administrators assign');
    const unknown = await put(admin.cookie, { operationIds: [randomUUID()], facilityIds: [] });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /no operation/);
    assert.equal((await put(admin.cookie, { operationIds: [], facilityIds: [], userId: admin.id })).statusCode, 422, 'unknown keys are refused');
    assert.deepEqual(await ids(), [inB.id], 'refused changes changed nothing');
    assert.equal((await get(admin.cookie, `/api/users/${randomUUID()}/assignments`)).statusCode, 404);
  });

  test('oversight roles read everything within clearance, and are offered no change', async () => {
    const { facilityId } = await h.operation();
    const writer = await h.user(['CUSTODY_OFFICER'], 'SECRET');
    const restricted = await newPerson(writer.cookie, facilityId, { classification: 'RESTRICTED' });
    const secret = await newPerson(writer.cookie, facilityId, { classification: 'SECRET' });
    assert.deepEqual(restricted.allowedActions, ['read', 'update']);
    const monitor = await h.user(['HUMANITARIAN_MONITOR'], 'CONFIDENTIAL', { assigned: false });
    const seen = body(await get(monitor.cookie, `/api/persons/${restricted.id}`));
    assert.deepEqual(seen.allowedActions, ['read']);
    assert.equal((await get(monitor.cookie, `/api/persons/${secret.id}`)).statusCode, 404, 'oversight does not lift clearance');
    const listed = body(await get(monitor.cookie, `/api/persons?facilityId=${facilityId}`));
    assert.deepEqual(listed.items.map((p: { id: string }) => p.id), [restricted.id]);
    assert.deepEqual(listed.items[0].allowedActions, ['read']);
  });
});

describe('R15 record-level denials', () => {
  test('invisible → 404, visible but not changeable → 403, each audited once even though the change rolled back', async () => {
    const { operationId, facilityId } = await h.operation();
    const writer = await h.user(['CUSTODY_OFFICER'], 'SECRET');
    const secret = await newPerson(writer.cookie, facilityId, { classification: 'SECRET' });
    const low = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const patch = await h.app.inject({ method: 'PATCH', url: `/api/persons/${secret.id}`, headers: { cookie: low.cookie, 'if-match': '"1"' }, payload: { placeOfBirth: 'Raqqa' } });
    assert.equal(patch.statusCode, 404);
    const d1 = await denials(patch.headers['x-request-id']);
    assert.equal(d1.length, 1);
    assert.equal(d1[0]!.object_id, secret.id);
    assert.equal(body(await get(writer.cookie, `/api/persons/${secret.id}`)).placeOfBirth, null, 'nothing changed');

    // A planner below the location's classification sees the facility but may not rewrite it.
    const planner = await h.user(['OPERATIONS_PLANNER'], 'CONFIDENTIAL');
    const cleared = await h.user(['OPERATIONS_PLANNER'], 'SECRET');
    const made = await h.app.inject({ method: 'POST', url: '/api/facilities', headers: { cookie: cleared.cookie }, payload: {
      operationId, code: 'UNDISCLOSED', name: 'Undisclosed site', kind: 'RECEIVING_FACILITY', holdingAuthority: 'Host', country: 'IRQ',
      latitude: 33.1, longitude: 44.1, locationClassification: 'SECRET', capacityCertified: 10, capacityWorking: 10, capacityMaximum: 10,
    } });
    assert.equal(made.statusCode, 201, made.body);
    const fid = body(made).id;
    const seen = body(await get(planner.cookie, `/api/facilities/${fid}`));
    assert.equal('latitude' in seen, false);
    assert.deepEqual(seen.allowedActions, ['read']);
    assert.deepEqual(body(made).allowedActions, ['read', 'update']);
    const blind = await h.app.inject({ method: 'PATCH', url: `/api/facilities/${fid}`, headers: { cookie: planner.cookie, 'if-match': '"1"' }, payload: { name: 'Renamed' } });
    assert.equal(blind.statusCode, 403, blind.body);
    assert.equal((await denials(blind.headers['x-request-id'])).length, 1);
    assert.equal(body(await get(cleared.cookie, `/api/facilities/${fid}`)).name, 'Undisclosed site');
    const gone = await get(planner.cookie, `/api/facilities/${randomUUID()}`);
    assert.equal(gone.statusCode, 404);
    assert.equal((await denials(gone.headers['x-request-id'])).length, 1, 'an invisible facility read is audited');
  });

  test('overrides in the body change nothing: ids, operation, system number and actions are the server\'s', async () => {
    const a = await h.operation();
    const b = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
    const forcedId = randomUUID();
    const p = await newPerson(officer.cookie, a.facilityId, { id: forcedId, operationId: b.operationId, systemNumber: 'CUS-000001', allowedActions: ['read', 'update'], version: 99 });
    assert.notEqual(p.id, forcedId);
    assert.notEqual(p.systemNumber, 'CUS-000001');
    assert.equal(p.version, 1);
    const row = await h.handle.db.selectFrom('person').select(['operation_id']).where('id', '=', p.id).executeTakeFirstOrThrow();
    assert.equal(row.operation_id, a.operationId);
    const up = (payload: object) => h.app.inject({ method: 'PATCH', url: `/api/persons/${p.id}`, headers: { cookie: officer.cookie, 'if-match': '"1"' }, payload });
    assert.equal((await up({ classification: 'SECRET' })).statusCode, 422, 'above the actor\'s clearance');
    assert.equal((await up({ facilityId: b.facilityId })).statusCode, 422, 'a transfer is not a correction');
    assert.equal((await up({ operationId: b.operationId })).statusCode, 422);
    assert.equal(body(await get(officer.cookie, `/api/persons/${p.id}`)).version, 1);
    // Registering into a facility the actor does not work on: it does not exist for them.
    const outsider = await h.user(['CUSTODY_OFFICER'], 'SECRET', { assigned: false });
    const res = await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: outsider.cookie }, payload: samplePerson(a.facilityId) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /facility does not exist/);
  });
});
