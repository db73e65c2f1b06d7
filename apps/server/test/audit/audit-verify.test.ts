// R2 (small): every tampering of a signed audit log is caught, each on the untouched state (the
// mutation runs in a transaction that is rolled back), and the CLI's exit codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { KeyObject } from 'node:crypto';
import { startHarness, type Harness } from '../harness';
import type { Database } from '../../src/platform/db/schema';
import { openPglite } from '../../src/platform/db/connect';
import { loadConfig } from '../../src/config';
import { trustedKeyMap } from '../../src/platform/audit/checkpoint';
import { AuditCheckpointRefusedError, createCheckpointWriter } from '../../src/platform/audit/checkpointer';
import { loadOrCreateSigningKey } from '../../src/platform/audit/signing-key';
import { verifyAudit, type AuditVerification } from '../../src/platform/audit/verify-audit';
import { readWitnessCheckpoints, readWitnessKeys } from '../../src/platform/audit/witness-dir';
import { copyDir, disableAuditGuards, MUTATIONS, rechain, seedAuditEvents } from './tamper';

const ROWS = 400;
let h: Harness;
let dir: string;
let key: KeyObject;
const witnessDir = () => path.join(dir, 'witness');

class Rollback extends Error {}

// Runs `fn` in a transaction that is always rolled back, so the next case starts untouched.
async function inRolledBackTx<T>(db: Kysely<Database>, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await db.transaction().execute(async (tx) => {
    out = await fn(tx);
    throw new Rollback();
  }).catch((e: unknown) => { if (!(e instanceof Rollback)) throw e; });
  return out as T;
}

async function verify(db: Kysely<Database>, witness = witnessDir()): Promise<AuditVerification> {
  return verifyAudit(db, { trustedKeys: trustedKeyMap([key, ...readWitnessKeys(witness).keys]), witness: readWitnessCheckpoints(witness) });
}

before(async () => {
  h = await startHarness();
  dir = mkdtempSync(path.join(tmpdir(), 'custodian-audit-'));
  key = loadOrCreateSigningKey(path.join(dir, 'key', 'ed25519.pem'));
  const writer = createCheckpointWriter(h.handle.db, { privateKey: key, witnessDir: witnessDir() });
  const existing = Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(h.handle.db)).rows[0]!.n);
  assert.equal(existing, 0, 'a fresh database has no audit rows');
  await seedAuditEvents(h.handle.db, ROWS / 2);
  assert.equal((await writer.checkpoint())?.treeSize, ROWS / 2);
  await seedAuditEvents(h.handle.db, ROWS / 2);
  assert.equal((await writer.checkpoint())?.treeSize, ROWS);
  assert.equal(await writer.checkpoint(), null, 'nothing new, nothing signed');
});

after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

test('R2: the untouched log verifies: chain, tree, both checkpoints, their consistency, the outside copies', async () => {
  const r = await verify(h.handle.db);
  assert.equal(r.verdict, 'intact', r.summary);
  assert.ok(r.ok);
  assert.equal(r.rows, ROWS);
  assert.deepEqual(r.checkpoints, { stored: 2, witness: 2, signaturesVerified: 4, consistencyChecked: 3 });
  assert.equal(r.latestWitness?.treeSize, ROWS);
  assert.equal(r.latestWitness?.matches, true);
  assert.deepEqual(r.problems, []);
});

for (const m of MUTATIONS) {
  test(`R2: ${m.name} is detected`, async () => {
    const w = path.join(dir, `w-${Math.random().toString(36).slice(2)}`);
    copyDir(witnessDir(), w);
    try {
      const r = await inRolledBackTx(h.handle.db, async (tx) => {
        await m.apply({ db: tx, rows: ROWS, witnessDir: w, realKey: key });
        return verify(tx, w);
      });
      const want = m.expect(ROWS);
      assert.equal(r.ok, false);
      assert.equal(r.verdict, want.verdict, r.summary);
      if (want.firstBadSeq !== undefined) assert.equal(r.firstBadSeq, String(want.firstBadSeq), r.summary);
      assert.match(r.summary, want.says);
    } finally {
      rmSync(w, { recursive: true, force: true });
    }
    assert.equal((await verify(h.handle.db)).verdict, 'intact', 'the rollback restored the log');
  });
}

test('R2: a rewritten log is localised between the last matching and the first mismatching checkpoint', async () => {
  const r = await inRolledBackTx(h.handle.db, async (tx) => {
    await disableAuditGuards(tx);
    await sql`update audit_log set actor = 'nobody' where seq = ${ROWS - 10}`.execute(tx);
    await rechain(tx, ROWS - 10);
    return verify(tx);
  });
  assert.equal(r.verdict, 'rewritten');
  assert.match(r.summary, new RegExp(`sequence numbers ${ROWS / 2 + 1}\\.\\.${ROWS}\\b`));
});

test('the checkpointer refuses to sign over a broken chain or a rewritten log', async () => {
  await inRolledBackTx(h.handle.db, async (tx) => {
    await seedAuditEvents(tx, 5);
    await disableAuditGuards(tx);
    await sql`update audit_log set actor = 'nobody' where seq = 7`.execute(tx);
    const w = createCheckpointWriter(tx, { privateKey: key, witnessDir: path.join(dir, 'unused-1') });
    await assert.rejects(w.checkpoint(), (e: unknown) => e instanceof AuditCheckpointRefusedError && /sequence number 7/.test(e.message));
  });
  await inRolledBackTx(h.handle.db, async (tx) => {
    await disableAuditGuards(tx);
    await sql`update audit_log set actor = 'nobody' where seq = 7`.execute(tx);
    await rechain(tx, 7);
    await seedAuditEvents(tx, 5);
    const w = createCheckpointWriter(tx, { privateKey: key, witnessDir: witnessDir() });
    await assert.rejects(w.checkpoint(), (e: unknown) => e instanceof AuditCheckpointRefusedError && /rewritten/.test(e.message));
  });
});

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
const TSX = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx');

test('R2: `custodian audit verify` exits 1 saying "truncated" after the last row is deleted, 2 on a bad option', async () => {
  const data = mkdtempSync(path.join(tmpdir(), 'custodian-audit-cli-'));
  const cli = (...args: string[]) => spawnSync(TSX, [MAIN, 'audit', ...args], { env: { ...process.env, DATA_DIR: data, DATABASE_URL: '' }, encoding: 'utf8', timeout: 120_000 });
  try {
    // Key and witness at their defaults under DATA_DIR, where the CLI looks for them.
    const config = loadConfig({ DATA_DIR: data });
    const db = await openPglite(data);
    await seedAuditEvents(db.db, 120);
    const cp = await createCheckpointWriter(db.db, { privateKey: loadOrCreateSigningKey(config.auditSigningKeyFile), witnessDir: config.auditWitnessDir }).checkpoint();
    assert.equal(cp?.treeSize, 120);
    // One process start only (PGlite start-up is slow on a busy machine); exit 0 is covered in
    // test/reliability/audit-tamper.rel.ts.
    await disableAuditGuards(db.db);
    await sql`delete from audit_log where seq = 120`.execute(db.db);
    await db.close();
    const bad = cli('verify', '--checkpoint', path.join(config.auditWitnessDir, 'latest.json'));
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /truncated.*first missing sequence number 120/);
    const usage = cli('verify', '--frobnicate');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: custodian audit verify/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
