// `npm run bench -w @custodian/server`: registry search latency over 100,000 persons and roster
// import rate, on embedded PGlite and (when TEST_DATABASE_URL or BENCH_DATABASE_URL is set) on a
// PostgreSQL server. Figures are medians/percentiles of real HTTP requests through app.inject.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { buildApp } from '../src/app';
import { openPglite, openPostgres, type DbHandle } from '../src/platform/db/connect';
import { SYSTEM_ACTOR } from '../src/platform/access/actor';
import { insertPersons } from '../src/modules/persons/person.repo';
import { generateDemoOperation } from '../src/modules/demo/demo-operation';
import { commitImport, previewImport } from '../src/modules/imports/import.service';
import { afterBulkLoad } from '../src/platform/db/maintenance';
import { createUser } from '../src/modules/users/user.service';
import { AccessDb } from '../src/platform/access/access-db';
import { setAssignments } from '../src/platform/access/assignments';
import { CSRF_HEADER } from '../src/platform/http/csrf';
import { totpCode } from '../src/platform/auth/totp';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const QUERIES = 300;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function engines(): Promise<{ name: string; open: () => Promise<DbHandle>; drop: () => Promise<void> }[]> {
  const list: { name: string; open: () => Promise<DbHandle>; drop: () => Promise<void> }[] = [{ name: 'pglite', open: () => openPglite(null), drop: async () => {} }];
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `custodian_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const u = new URL(url);
    u.pathname = `/${name}`;
    const admin = async (sql: string) => { const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(sql); await c.end(); };
    list.push({ name: 'postgres', open: async () => { await admin(`create database ${name}`); return openPostgres(u.toString(), { requireDurable: false }); }, drop: () => admin(`drop database if exists ${name} with (force)`) });
  }
  return list;
}

async function benchEngine(name: string, handle: DbHandle) {
  const config = loadConfig({ CUSTODIAN_PROFILE: 'test' });
  const app = await buildApp({ handle, config });
  const db = handle.db;
  const op = randomUUID();
  await db.insertInto('operation').values({ id: op, code: 'BENCH', name: 'Bench (synthetic)', target_persons: PERSONS, demo: true }).execute();
  const facilityId = randomUUID();
  await db.insertInto('facility').values({ id: facilityId, operation_id: op, code: 'BENCH', name: 'Bench prison', kind: 'PRISON', holding_authority: 'x', country: 'SYR', capacity_certified: PERSONS, capacity_working: PERSONS, capacity_maximum: PERSONS * 2, risk_level: 'HIGH' }).execute();
  let loaded = 0;
  const sample: string[] = [];
  const t0 = Date.now();
  for (let seed = 1; loaded < PERSONS; seed++) {
    const demo = generateDemoOperation(seed).persons.slice(0, PERSONS - loaded);
    await db.transaction().execute((tx) => insertPersons(tx, demo.map(({ facilityCode: _f, plantedDuplicateOf: _d, ...p }) => ({
      ...p, identifiers: p.identifiers.map((i) => ({ ...i, value: `${seed}-${i.value}` })), facilityId, operationId: op, demo: true,
    }))));
    for (let i = 0; i < demo.length; i += 997) sample.push(...demo[i]!.names.map((n) => n.full));
    loaded += demo.length;
  }
  await afterBulkLoad(db); // as the demo loader and the roster import do after a bulk load
  process.stdout.write(`[${name}] loaded ${loaded} persons in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const benchUser = await db.transaction().execute((tx) => createUser(tx, { actor: SYSTEM_ACTOR, requestId: 'bench' }, { username: 'bench', displayName: 'bench', roles: ['CUSTODY_OFFICER'], clearance: 'SECRET', password: 'bench password 123', mustChangePassword: false }));
  const system = AccessDb.system(db, 'bench');
  await system.run((t) => setAssignments(t, { actor: SYSTEM_ACTOR, requestId: 'bench' }, benchUser.id, { operationIds: [op], facilityIds: [] }));
  // The real sign-in: password, TOTP enrolment, a code computed from the secret (and the web app's CSRF header).
  const csrf = { [CSRF_HEADER]: '1' };
  const cookieOf = (r: { cookies: { name: string; value: string }[] }) => r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: csrf, payload: { username: 'bench', password: 'bench password 123' } });
  const setup = await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { ...csrf, cookie: cookieOf(login) } });
  const confirmed = await app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers: { ...csrf, cookie: cookieOf(login) }, payload: { code: await totpCode((JSON.parse(setup.body) as { secret: string }).secret) } });
  if (confirmed.statusCode !== 200) throw new Error(`bench sign-in failed: ${confirmed.body}`);
  const cookie = cookieOf(confirmed);
  const queries = [
    ...sample.slice(0, 150),
    'Mohamed', 'محمد', 'Abu Hamza', 'Abdul Rahman al-Jubouri', 'Youssef', 'عبد الله', 'PAN-00012', '3-SHA-00045',
  ];
  const kinds = { name: [] as number[], filter: [] as number[] };
  for (let i = 0; i < QUERIES; i++) {
    const q = queries[i % queries.length]!;
    const filter = i % 5 === 4;
    const url = filter ? `/api/persons?riskClass=HVD&nationality=TUN&page=${1 + (i % 3)}` : `/api/persons?q=${encodeURIComponent(q)}`;
    const s = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - s;
    if (res.statusCode !== 200) throw new Error(`search failed: ${res.statusCode} ${res.body}`);
    (filter ? kinds.filter : kinds.name).push(ms);
  }
  const all = [...kinds.name, ...kinds.filter];
  process.stdout.write(`[${name}] search over ${loaded} persons: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms (name/number p95 ${pct(kinds.name, 95).toFixed(1)} ms, filters p95 ${pct(kinds.filter, 95).toFixed(1)} ms; ${QUERIES} requests through HTTP incl. audit)\n`);

  const lines = ['roster_number,name,name_arabic,sex,date_of_birth,nationality,risk_class,arrest_date,arrest_place,ordering_authority,grounds'];
  for (let i = 1; i <= IMPORT_ROWS; i++) lines.push(`IMP-${i},Omar Salih al-Ani ${i},عمر صالح العاني,M,${1960 + (i % 40)},Iraq,${['HVD', 'HIGH', 'MEDIUM', 'LOW'][i % 4]},2019-03-01,Hajin,Test authority,Suspected membership (synthetic)`);
  const ctx = { actor: SYSTEM_ACTOR, requestId: 'bench' };
  const s = Date.now();
  const p = await previewImport(system, ctx, Buffer.from(lines.join('\n')), 'bench.csv', { sourceList: 'BENCH', facilityId, responsibleAuthority: 'Bench' });
  const mid = Date.now();
  const c = await commitImport(system, ctx, p.id);
  const end = Date.now();
  process.stdout.write(`[${name}] import ${IMPORT_ROWS} rows: ${((end - s) / 1000).toFixed(1)} s total (preview+stage ${((mid - s) / 1000).toFixed(1)} s, commit ${((end - mid) / 1000).toFixed(1)} s), ${Math.round(IMPORT_ROWS / ((end - s) / 1000))} rows/s, ${c.personsAdded} added\n`);
  await app.close();
}

for (const e of await engines()) {
  const handle = await e.open();
  try {
    await benchEngine(e.name, handle);
  } finally {
    await handle.close();
    await e.drop();
  }
}
