// R21 in full: 1,000 templates, the canary searched in every table (and pg_dump on a server), the
// server log, audit rows and error bodies; every template fails under another person's id; after
// an interrupted-then-finished rotation and deleting the old key, all decrypt with the new key
// alone. Then the CLI: `custodian keys status` and `keys rotate` on a data directory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../harness';
import { runR21 } from '../crypto-r21';
import { openPglite } from '../../src/platform/db/connect';
import { loadKeyRing } from '../../src/platform/crypto/kek-store';
import { storeTemplate, readTemplate } from '../../src/platform/crypto/template-store';

const N = Number(process.env.R21_TEMPLATES ?? 1000);
let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

test(`R21: ${N} templates; canary nowhere outside its ciphertext; wrong id never decrypts; rotation leaves the new key alone in use (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
  const started = performance.now();
  const f = await runR21(h, N);
  process.stdout.write(`# R21 ${JSON.stringify({ ...f, rotateMs: Math.round(f.rotateMs), totalS: Math.round((performance.now() - started) / 100) / 10 })}\n`);
});

test('R21: `custodian keys status`, `keys rotate` and `keys retire` on a data directory', async () => {
  const data = mkdtempSync(path.join(tmpdir(), 'custodian-keys-cli-'));
  const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
  const TSX = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx');
  const cli = (...args: string[]) => spawnSync(TSX, [MAIN, 'keys', ...args], { env: { ...process.env, DATA_DIR: data, DATABASE_URL: '' }, encoding: 'utf8', timeout: 600_000 });
  try {
    const kekDir = path.join(data, 'keys', 'biometric');
    const db = await openPglite(data);
    const person = '6a0c6f0e-1f53-4e63-9d52-3a8d2a3b0c11';
    const operationId = '6a0c6f0e-1f53-4e63-9d52-3a8d2a3b0c12';
    await db.db.insertInto('operation').values({ id: operationId, code: 'OP-KEYS', name: 'Keys', target_persons: 1, demo: false }).execute();
    await db.db.insertInto('person').values({
      id: person, operation_id: operationId, system_number: 'KEYS-1', primary_name: 'Test Person', arabic_name: null, sex: 'M', dob: '{}', dob_sort: null,
      place_of_birth: null, nationalities: '[]', nationality_codes: [], documents: '[]', languages: [], physical_description: null, marks: '[]', risk_class: 'LOW',
      status: 'IN_CUSTODY', facility_id: null, family: '[]', property: '[]', intake: '{}', names: '[]', classification: 'UNCLASSIFIED', flags: [], search_keys: [],
      import_id: null, demo: false,
    }).execute();
    const ring = loadKeyRing(kekDir, { create: true });
    const t = await storeTemplate(db.db, ring, { personId: person, modality: 'FACE', format: 'x', template: Buffer.from('cli template'), createdBy: null });
    await db.close();
    const s1 = cli('status');
    assert.equal(s1.status, 0, s1.stderr);
    assert.match(s1.stdout, /current 1\n {2}version 1: 1 biometric records, 0 TOTP secrets/);
    const r = cli('rotate');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Rotated: 1 data keys re-wrapped under key version 2/);
    const ret = cli('retire');
    assert.equal(ret.status, 0, ret.stderr);
    assert.match(ret.stdout, /Deleted key versions 1/);
    assert.equal(cli('rotate', '--batch', 'many').status, 2);
    const db2 = await openPglite(data);
    try {
      assert.deepEqual(await readTemplate(db2.db, loadKeyRing(kekDir, { create: false }), person, t.id), Buffer.from('cli template'));
      const actions = (await db2.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((x) => x.action);
      assert.deepEqual(actions, ['keys.rotate.start', 'keys.rotate.complete', 'keys.retire']);
    } finally {
      await db2.close();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
