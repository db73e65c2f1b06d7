// R16: row-level security as the second line. Raw SQL as the application role, with the
// application's own filters off: rows visible equal the shared policy exactly; with no context no
// rows; writes outside the policy touch nothing; on a PostgreSQL server the role cannot be changed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CLEARANCE_LEVELS, facilityPolicy, permissionsOf, personPolicy, type Clearance, type Role } from '@custodian/contracts';
import { body, samplePerson, startHarness, type Harness } from './harness';
import { AccessDb, type AccessActor } from '../src/platform/access/access-db';
import { loadConfig } from '../src/config';
import { buildApp } from '../src/app';
import { openPostgres, type Db } from '../src/platform/db/connect';
import type { Database } from '../src/platform/db/schema';
import { CSRF_HEADER } from '../src/platform/http/csrf';

let h: Harness;
const ops = { A: randomUUID(), B: randomUUID() };
const facs = [
  { id: randomUUID(), operationId: ops.A, classification: 'UNCLASSIFIED', locationClassification: 'SECRET' },
  { id: randomUUID(), operationId: ops.A, classification: 'SECRET', locationClassification: 'SECRET' },
  { id: randomUUID(), operationId: ops.B, classification: 'RESTRICTED', locationClassification: 'UNCLASSIFIED' },
];
const persons: { id: string; classification: Clearance; operationId: string; facilityId: string }[] = [];

before(async () => {
  h = await startHarness();
  await AccessDb.system(h.handle.db, 'R16 fixture').run(async ({ tx }) => {
    for (const [code, id] of Object.entries(ops)) await tx.insertInto('operation').values({ id, code: `R16-${code}-${id.slice(0, 6)}`, name: `R16 ${code}`, target_persons: 1, demo: false }).execute();
    for (const [i, f] of facs.entries()) {
      await tx.insertInto('facility').values({
        id: f.id, operation_id: f.operationId, code: `F${i}`, name: `Facility ${i}`, kind: 'PRISON', holding_authority: 'x', country: 'SYR',
        latitude: 36, longitude: 40, location_classification: f.locationClassification, capacity_certified: 10, capacity_working: 10, capacity_maximum: 10,
        risk_level: 'LOW', classification: f.classification,
      }).execute();
      for (const c of CLEARANCE_LEVELS) {
        const id = randomUUID();
        persons.push({ id, classification: c, operationId: f.operationId, facilityId: f.id });
        await tx.insertInto('person').values({
          id, operation_id: f.operationId, system_number: `R16-${id.slice(0, 8)}`, primary_name: `Person ${c}`, sex: 'M', dob: '{"kind":"UNKNOWN"}',
          risk_class: 'LOW', facility_id: f.id, intake: '{}', names: '[]', classification: c, demo: false,
          status: 'HELD', languages: [], flags: [], nationality_codes: [], search_keys: [],
        }).execute();
        await tx.insertInto('person_identifier').values({ scheme: 'R16', value: id, person_id: id }).execute();
      }
    }
  });
});
after(async () => { await h?.close(); });

const actorOf = (roles: Role[], clearance: Clearance, a: { operationIds?: string[]; facilityIds?: string[] }): AccessActor => ({
  id: randomUUID(), username: 'r16', roles, clearance, permissions: permissionsOf(roles),
  assignments: {
    operationIds: a.operationIds ?? [], facilityIds: a.facilityIds ?? [],
    facilityOperationIds: facs.filter((f) => a.facilityIds?.includes(f.id)).map((f) => f.operationId),
  },
});

const ACTORS = CLEARANCE_LEVELS.flatMap((c) => [
  actorOf(['CUSTODY_OFFICER'], c, { operationIds: [ops.A] }),
  actorOf(['CUSTODY_OFFICER'], c, { facilityIds: [facs[2]!.id] }),
  actorOf(['ANALYST'], c, {}),
  actorOf(['HUMANITARIAN_MONITOR'], c, {}),
]);

class Rollback extends Error {}

/** Runs raw SQL in one transaction bound to `actor`, as the application role, then rolls it back. */
async function asAppRole<T>(db: Db, actor: AccessActor | null, setRole: boolean, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  let out: T;
  const run = async (tx: Kysely<Database>) => {
    if (setRole) await sql`set local role custodian_app`.execute(tx);
    out = await work(tx);
    throw new Rollback();
  };
  try {
    if (actor) await AccessDb.forActor(db, actor).run((t) => run(t.tx));
    else await db.transaction().execute(run);
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return out!;
}

async function checkPolicyEqualsRls(db: Db, setRole: boolean): Promise<void> {
  for (const actor of ACTORS) {
    const label = `${actor.roles[0]} ${actor.clearance} ${JSON.stringify(actor.assignments.operationIds.length ? 'op' : actor.assignments.facilityIds.length ? 'facility' : 'none')}`;
    const expectPersons = persons.filter((p) => personPolicy(actor, p).read).map((p) => p.id).sort();
    const expectFacs = facs.filter((f) => facilityPolicy(actor, f).read).map((f) => f.id).sort();
    const seen = await asAppRole(db, actor, setRole, async (tx) => ({
      persons: (await sql<{ id: string }>`select id from person where system_number like 'R16-%' order by id`.execute(tx)).rows.map((r) => r.id),
      facilities: (await sql<{ id: string }>`select id from facility where id = any(${facs.map((f) => f.id)}::uuid[]) order by id`.execute(tx)).rows.map((r) => r.id),
      identifiers: Number((await sql<{ n: string }>`select count(*) as n from person_identifier where scheme = 'R16'`.execute(tx)).rows[0]!.n),
      updated: Number((await sql`update person set place_of_birth = 'changed' where system_number like 'R16-%'`.execute(tx)).numAffectedRows),
      deleted: Number((await sql`delete from facility_risk where facility_id = any(${facs.filter((f) => !expectFacs.includes(f.id)).map((f) => f.id)}::uuid[])`.execute(tx)).numAffectedRows),
    }));
    assert.deepEqual(seen.persons, expectPersons, `persons for ${label}`);
    assert.deepEqual(seen.facilities, expectFacs, `facilities for ${label}`);
    assert.equal(seen.identifiers, expectPersons.length, `identifiers for ${label}`);
    assert.equal(seen.updated, expectPersons.length, `UPDATE reaches exactly the visible rows for ${label}`);
    assert.equal(seen.deleted, 0, `DELETE reaches no invisible row for ${label}`);
  }
  // The matrix is not vacuous: some actors see SECRET rows, some see none, some see nothing at all.
  assert.ok(ACTORS.some((a) => persons.some((p) => p.classification === 'SECRET' && personPolicy(a, p).read)));
  assert.ok(ACTORS.some((a) => persons.every((p) => !personPolicy(a, p).read)));
}

async function checkNoContextNoRows(db: Db, setRole: boolean): Promise<void> {
  const counts = await asAppRole(db, null, setRole, async (tx) => Promise.all(['person', 'facility', 'person_identifier', 'facility_risk', 'roster_import']
    .map(async (t) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(tx)).rows[0]!.n))));
  assert.deepEqual(counts, [0, 0, 0, 0, 0], 'with no context, no rows');
  const low = actorOf(['CUSTODY_OFFICER'], 'RESTRICTED', { operationIds: [ops.A] });
  await assert.rejects(asAppRole(db, low, setRole, (tx) => sql`insert into person (id, operation_id, system_number, primary_name, sex, dob, risk_class, facility_id, intake, names, classification)
    values (${randomUUID()}, ${ops.A}, ${`R16-X-${randomUUID().slice(0, 6)}`}, 'x', 'M', '{}', 'LOW', ${facs[0]!.id}, '{}', '[]', 'SECRET')`.execute(tx)), /row-level security/,
  'a row above the actor\'s clearance cannot be written');
}

describe('R16 row-level security', () => {
  test('the policies on the engine under test: as custodian_app, rows visible equal the shared policy exactly', async () => {
    await checkPolicyEqualsRls(h.handle.db, true);
    await checkNoContextNoRows(h.handle.db, true);
  });

  const url = process.env.TEST_DATABASE_URL;
  test('PostgreSQL server: the login role the server uses owns nothing, sees by policy only, and cannot change role', { skip: url ? false : 'TEST_DATABASE_URL is unset: R16 on a PostgreSQL server needs `npm run test:pg`' }, async () => {
    const dbName = (await sql<{ d: string }>`select current_database() as d`.execute(h.handle.db)).rows[0]!.d;
    const role = `custodian_web_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    await sql.raw(`create role ${role} login password 'r16-test' in role custodian_app`).execute(h.handle.db);
    const appUrl = new URL(url!);
    appUrl.pathname = `/${dbName}`;
    appUrl.username = role;
    appUrl.password = 'r16-test';
    const ownerUrl = new URL(url!);
    ownerUrl.pathname = `/${dbName}`;
    const app = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: appUrl.toString(), max: 2 }) }) });
    try {
      await checkPolicyEqualsRls(app, false);
      await checkNoContextNoRows(app, false);
      // Outside any transaction, with no context at all: nothing, even through raw SQL.
      assert.equal(Number((await sql<{ n: string }>`select count(*) as n from person`.execute(app)).rows[0]!.n), 0);
      const low = actorOf(['HUMANITARIAN_MONITOR'], 'CONFIDENTIAL', {});
      const secret = await asAppRole(app, low, false, async (tx) => (await sql<{ n: string }>`select count(*) as n from person where classification = 'SECRET'`.execute(tx)).rows[0]!.n);
      assert.equal(Number(secret), 0, 'a CONFIDENTIAL context sees no SECRET row through raw SQL');
      for (const attempt of ['set role postgres', `set session authorization postgres`, 'alter table person no force row level security', 'alter table person disable row level security', 'drop policy person_need_to_know on person']) {
        await assert.rejects(sql.raw(attempt).execute(app), /permission denied|must be owner|not permitted/, attempt);
      }
      // The server itself refuses to serve through a role that would step around the policies.
      await assert.rejects(openPostgres(ownerUrl.toString(), { requireDurable: false, max: 2, appUrl: ownerUrl.toString() }), /refusing to serve/);
      // And through the proper role the whole API works, with the context set by the bound handle.
      const handle = await openPostgres(ownerUrl.toString(), { requireDurable: false, max: 4, appUrl: appUrl.toString() });
      const server = await buildApp({ handle, config: loadConfig({ CUSTODIAN_PROFILE: 'test', DATA_DIR: '/nonexistent' }) });
      try {
        const { facilityId } = await h.operation();
        const officer = await h.user(['CUSTODY_OFFICER'], 'CONFIDENTIAL');
        const low2 = await h.user(['CUSTODY_OFFICER'], 'RESTRICTED');
        const created = await server.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie, [CSRF_HEADER]: '1' }, payload: samplePerson(facilityId, { classification: 'CONFIDENTIAL' }) });
        assert.equal(created.statusCode, 201, created.body);
        const id = body(created).id;
        const found = body(await server.inject({ method: 'GET', url: `/api/persons?q=Yusuf&facilityId=${facilityId}`, headers: { cookie: officer.cookie } }));
        assert.deepEqual(found.items.map((p: { id: string }) => p.id), [id]);
        const patched = await server.inject({ method: 'PATCH', url: `/api/persons/${id}`, headers: { cookie: officer.cookie, 'if-match': '"1"', [CSRF_HEADER]: '1' }, payload: { placeOfBirth: 'Raqqa' } });
        assert.equal(patched.statusCode, 200, patched.body);
        assert.equal((await server.inject({ method: 'GET', url: `/api/persons/${id}`, headers: { cookie: low2.cookie } })).statusCode, 404);
        assert.equal((await server.inject({ method: 'GET', url: `/api/facilities/${facilityId}`, headers: { cookie: officer.cookie } })).statusCode, 200);
        const dash = body(await server.inject({ method: 'GET', url: '/api/dashboard', headers: { cookie: officer.cookie } }));
        assert.ok(dash.totals.persons >= 1, JSON.stringify(dash.totals));
      } finally {
        await server.close();
        await handle.close();
      }
    } finally {
      await app.destroy();
      await sql.raw(`drop owned by ${role}`).execute(h.handle.db).catch(() => undefined);
      await sql.raw(`drop role if exists ${role}`).execute(h.handle.db).catch(() => undefined);
    }
  });
});
