// R3: audit under concurrency. 8 workers × 2,000 audited writes, about a fifth rolled back after
// their audit row was written: the sequence must stay contiguous 1..N, the chain linear, and N equal
// to the number of committed changes (counted in the data itself, not only by the client).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { freshServerDatabase } from '../harness';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema';
import { openPglite, openPostgres, type DbHandle } from '../../src/platform/db/connect';
import { appendAudit } from '../../src/platform/audit/audit-log';
import { verifyAudit } from '../../src/platform/audit/verify-audit';

const WORKERS = Number(process.env.R3_WORKERS ?? 8);
const WRITES = Number(process.env.R3_WRITES ?? 2_000);

class Rollback extends Error {}

// A small deterministic generator per worker, so a failing run can be repeated.
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >> 17; x ^= x << 5; x >>>= 0; return x / 2 ** 32; };
}

async function workload(db: Kysely<Database>): Promise<{ committed: number; rolledBack: number; ms: number }> {
  const opId = randomUUID();
  await db.insertInto('operation').values({ id: opId, code: `R3-${opId.slice(0, 8)}`, name: 'R3', target_persons: 0, demo: false }).execute();
  let committed = 0;
  let rolledBack = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
    const rand = rng(w + 1);
    for (let i = 0; i < WRITES; i++) {
      const roll = rand();
      try {
        await db.transaction().execute(async (tx) => {
          await sql`update operation set target_persons = target_persons + 1 where id = ${opId}`.execute(tx);
          if (roll < 0.05) throw new Rollback(); // before the audit row
          await appendAudit(tx, { actorId: null, actor: `worker-${w}`, action: 'r3.write', objectType: 'operation', objectId: opId, outcome: 'success', requestId: `${w}-${i}`, details: { w, i } });
          if (roll < 0.2) throw new Rollback(); // after it: its sequence number must be reused
        });
        committed++;
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
        rolledBack++;
      }
    }
  }));
  const ms = performance.now() - started;
  const changes = await db.selectFrom('operation').select('target_persons').where('id', '=', opId).executeTakeFirstOrThrow();
  assert.equal(changes.target_persons, committed, 'committed changes counted in the data');
  return { committed, rolledBack, ms };
}

async function check(handle: DbHandle): Promise<void> {
  const before = Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(handle.db)).rows[0]!.n);
  const { committed, rolledBack, ms } = await workload(handle.db);
  const stats = (await sql<{ n: string; lo: string; hi: string; links: string }>`
    select count(*) as n, min(seq) as lo, max(seq) as hi, count(distinct prev_hash) as links from audit_log`.execute(handle.db)).rows[0]!;
  const n = Number(stats.n);
  assert.equal(n, before + committed, 'N = committed changes');
  assert.equal(Number(stats.lo), 1);
  assert.equal(Number(stats.hi), n, 'sequence contiguous 1..N');
  assert.equal(Number(stats.links), n, 'one linear chain: no two rows share a predecessor');
  const t0 = performance.now();
  const r = await verifyAudit(handle.db, { trustedKeys: new Map() });
  const verifyMs = performance.now() - t0;
  assert.deepEqual(r.problems, []);
  assert.equal(r.rows, n);
  process.stdout.write(`# R3 ${handle.engine}: ${WORKERS} workers × ${WRITES} writes: ${committed} committed, ${rolledBack} rolled back, seq 1..${n} contiguous, chain intact; ${(ms / 1000).toFixed(1)} s (${Math.round((WORKERS * WRITES) / (ms / 1000))} tx/s); verify ${(verifyMs / 1000).toFixed(2)} s\n`);
}

test('R3 on PGlite: 8 workers × 2,000 audited writes with random rollbacks keep one gapless chain', async () => {
  const h = await openPglite(null);
  try {
    await check(h);
  } finally {
    await h.close();
  }
});

test('R3 on the PostgreSQL server (TEST_DATABASE_URL): the same, with real concurrent connections', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL not set' }, async () => {
  const fresh = await freshServerDatabase(process.env.TEST_DATABASE_URL!, 'custodian_r3');
  const h = await openPostgres(fresh.url, { requireDurable: false, max: WORKERS + 2 });
  try {
    await check(h);
  } finally {
    await h.close();
    await fresh.drop();
  }
});
