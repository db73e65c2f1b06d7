// A PostgreSQL server may end an idle connection at any time (restart, failover, an administrator's
// pg_terminate_backend): the server process must keep running and the next query must work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres } from '../src/platform/db/connect';
import { freshServerDatabase } from './harness';

const url = process.env.TEST_DATABASE_URL;

test('PostgreSQL server: an idle pooled connection ended by the server is replaced, and the process does not crash', { skip: url ? false : 'TEST_DATABASE_URL is unset: needs a PostgreSQL server (`npm run test:pg`)' }, async () => {
  const fresh = await freshServerDatabase(url!, 'custodian_test');
  const handle = await openPostgres(fresh.url, { requireDurable: false, max: 2 });
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => { warned.push(a.join(' ')); };
  try {
    const pids = new Set<number>();
    // two connections in the pool at once, then both idle
    await Promise.all([0, 1].map(() => handle.db.transaction().execute(async (tx) => {
      pids.add((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid);
      await sql`select pg_sleep(0.2)`.execute(tx);
    })));
    assert.equal(pids.size, 2);
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    try {
      for (const pid of pids) await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally { await admin.end(); }
    // the pool hears of it on its idle clients; without a handler this is an uncaught exception
    for (let i = 0; i < 50 && warned.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(warned.length, 2, warned.join('\n'));
    assert.match(warned[0]!, /idle connection was closed by the server/);
    const r = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
    assert.equal(r.rows[0]!.one, 1);
    const now = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]!.pid;
    assert.ok(!pids.has(now), 'a new connection serves the next query');
  } finally {
    console.warn = warn;
    await handle.close();
    await fresh.drop();
  }
});
