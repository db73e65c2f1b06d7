import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite } from '../src/platform/db/connect';
import { FULANI, OFAC_ALT, OFAC_SDN, QARAWI, TESTI, unXml } from './screening-fixtures';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');
const TSX = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(TSX, [MAIN, ...args], { env: { ...process.env, ...env, DATABASE_URL: '' }, encoding: 'utf8', timeout: 180_000 });

test('custodian watchlist load: a bad file names entry and field and loads nothing; versions load with their diff', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'custodian-watchlist-'));
  const env = { DATA_DIR: path.join(dir, 'data'), AUDIT_CHECKPOINT_SECONDS: '0' };
  try {
    writeFileSync(path.join(dir, 'bad.xml'), unXml('2025-01-01', [FULANI, { ...TESTI, id: Number.NaN }]));
    writeFileSync(path.join(dir, 'v1.xml'), unXml('2025-01-01', [FULANI, TESTI]));
    writeFileSync(path.join(dir, 'v2.xml'), unXml('2025-02-01', [FULANI, QARAWI]));
    const ofacDir = path.join(dir, '2025-02-03_ofac');
    mkdirSync(ofacDir);
    writeFileSync(path.join(ofacDir, 'sdn.csv'), OFAC_SDN);
    writeFileSync(path.join(ofacDir, 'alt.csv'), OFAC_ALT);

    const usage = cli(['watchlist', 'load', '--source', 'interpol', path.join(dir, 'v1.xml')], env);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--source must be un, ofac or local/);

    const bad = cli(['watchlist', 'load', '--source', 'un', path.join(dir, 'bad.xml')], env);
    assert.equal(bad.status, 1, bad.stdout);
    assert.match(bad.stderr, /DATAID/);
    assert.match(bad.stderr, /nothing was loaded/);
    assert.doesNotMatch(bad.stderr, /at .*\.ts:\d+/);

    const v1 = cli(['watchlist', 'load', '--source', 'un', path.join(dir, 'v1.xml')], env);
    assert.equal(v1.status, 0, v1.stderr);
    assert.match(v1.stdout, /Loaded the UN list of 2025-01-01: 3 entries/);
    assert.match(v1.stdout, /First version of this list/);
    const v2 = cli(['watchlist', 'load', '--source', 'un', path.join(dir, 'v2.xml')], env);
    assert.equal(v2.status, 0, v2.stderr);
    assert.match(v2.stdout, /1 added, 1 removed, 0 changed, 2 unchanged/);
    const ofac = cli(['watchlist', 'load', '--source', 'ofac', ofacDir], env);
    assert.equal(ofac.status, 0, ofac.stderr);
    assert.match(ofac.stdout, /Loaded the OFAC list of 2025-02-03: 2 entries/);

    const h = await openPglite(env.DATA_DIR);
    try {
      const versions = await h.db.selectFrom('watchlist_version').select(['source', 'published_on', 'entry_count']).orderBy('ordinal').execute();
      assert.deepEqual(versions, [
        { source: 'un', published_on: '2025-01-01', entry_count: 3 },
        { source: 'un', published_on: '2025-02-01', entry_count: 3 },
        { source: 'ofac', published_on: '2025-02-03', entry_count: 2 },
      ]);
      const runs = await h.db.selectFrom('screening_run').select('status').execute();
      assert.ok(runs.length === 3 && runs.every((r) => r.status === 'complete'), 'each load left everyone screened');
    } finally {
      await h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
