// R2 at full size: 10,000 audit events and signed checkpoints (database + witness directory), then
// each tampering on a fresh copy of the database and of the witness, checked by the real CLI:
// `custodian audit verify` exits 0 on the untouched log and 1 naming the first bad sequence number
// or saying "truncated" / "rewritten" for every mutation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config';
import { openPglite, openPostgres, type DbHandle } from '../../src/platform/db/connect';
import { createCheckpointWriter } from '../../src/platform/audit/checkpointer';
import { trustedKeyMap } from '../../src/platform/audit/checkpoint';
import { loadOrCreateSigningKey } from '../../src/platform/audit/signing-key';
import { verifyAudit } from '../../src/platform/audit/verify-audit';
import { readWitnessCheckpoints } from '../../src/platform/audit/witness-dir';
import { copyDir, MUTATIONS, seedAuditEvents } from '../audit/tamper';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
const TSX = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx');
const ROWS = Number(process.env.R2_ROWS ?? 10_000);

// A database that can be copied: a PGlite directory, or a server database used as a template.
type Store = { env: Record<string, string>; open: () => Promise<DbHandle>; copy: (tag: string) => Promise<Store>; drop: () => Promise<void> };

function pgliteStore(dir: string): Store {
  return {
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    open: () => openPglite(dir),
    copy: async (tag) => { const to = `${dir}-${tag}`; copyDir(dir, to); return pgliteStore(to); },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function serverStore(base: string, name: string, dataDir: string): Store {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: u.toString() },
    open: () => openPostgres(u.toString(), { requireDurable: false, max: 2 }),
    copy: async (tag) => {
      const to = `${name}_${tag}`;
      await admin(base, (c) => c.query(`create database ${to} template ${name}`));
      copyDir(dataDir, `${dataDir}-${tag}`);
      return serverStore(base, to, `${dataDir}-${tag}`);
    },
    drop: async () => {
      await admin(base, (c) => c.query(`drop database if exists ${name} with (force)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

test(`R2: ${ROWS} audit events, signed checkpoints kept outside; every tampering makes \`audit verify\` fail`, async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'custodian-r2-'));
  const url = process.env.TEST_DATABASE_URL;
  let store: Store;
  if (url) {
    const name = `custodian_r2_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    await admin(url, (c) => c.query(`create database ${name}`));
    store = serverStore(url, name, path.join(root, 'data'));
  } else {
    store = pgliteStore(path.join(root, 'data'));
  }
  const stores: Store[] = [store];
  const configOf = (s: Store) => loadConfig(s.env);
  const cli = (s: Store, ...args: string[]) => spawnSync(TSX, [MAIN, 'audit', ...args], { env: { ...process.env, ...s.env }, encoding: 'utf8', timeout: 600_000 });
  try {
    const config = configOf(store);
    const key = loadOrCreateSigningKey(config.auditSigningKeyFile);
    const h = await store.open();
    const t0 = performance.now();
    // Two checkpoints (half and all of the log), as the server would leave them.
    const writer = createCheckpointWriter(h.db, { privateKey: key, witnessDir: config.auditWitnessDir });
    await seedAuditEvents(h.db, ROWS / 2);
    assert.equal((await writer.checkpoint())?.treeSize, ROWS / 2);
    await seedAuditEvents(h.db, ROWS / 2);
    assert.equal((await writer.checkpoint())?.treeSize, ROWS);
    const seeded = performance.now() - t0;

    // In-process verification time for the whole log, median of 3.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      const r = await verifyAudit(h.db, { trustedKeys: trustedKeyMap([key]), witness: readWitnessCheckpoints(config.auditWitnessDir) });
      times.push(performance.now() - s);
      assert.equal(r.verdict, 'intact', r.summary);
    }
    await h.close();
    times.sort((a, b) => a - b);
    process.stdout.write(`# R2 ${url ? 'postgres' : 'pglite'}: seeded ${ROWS} events in ${(seeded / 1000).toFixed(1)} s; verifyAudit median ${(times[1]! / 1000).toFixed(2)} s over 3 runs\n`);

    const clean = cli(store, 'verify');
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, new RegExp(`audit log verified: ${ROWS} rows`));
    process.stdout.write(`# untouched: exit 0: ${clean.stdout.split('\n').filter((l) => /verified/.test(l)).join(' | ')}\n`);

    let i = 0;
    for (const m of MUTATIONS) {
      const copy = await store.copy(`m${i++}`);
      stores.push(copy);
      const cc = configOf(copy);
      const ch = await copy.open();
      try {
        await m.apply({ db: ch.db, rows: ROWS, witnessDir: cc.auditWitnessDir, realKey: key });
      } finally {
        await ch.close();
      }
      const r = cli(copy, 'verify');
      const want = m.expect(ROWS);
      const headline = r.stdout.split('\n')[0] ?? '';
      process.stdout.write(`# ${m.name}: exit ${r.status}: ${headline}\n`);
      assert.equal(r.status, 1, `${m.name}: ${r.stdout}${r.stderr}`);
      assert.match(headline, want.says, m.name);
      if (want.firstBadSeq !== undefined) assert.match(headline, new RegExp(`sequence number ${want.firstBadSeq}\\b`), m.name);
      await copy.drop();
      stores.pop();
    }
  } finally {
    for (const s of stores) await s.drop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
});
