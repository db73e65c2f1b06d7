import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite } from '../src/platform/db/connect';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');
const TSX = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(TSX, [MAIN, ...args], { env: { ...process.env, ...env, DATABASE_URL: '' }, encoding: 'utf8', timeout: 120_000 });

test('R14: a second process on one PGlite data directory exits with a clear lock error; the data still opens', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'custodian-lock-'));
  try {
    const first = await openPglite(dir);
    const started = Date.now();
    const second = cli(['migrate'], { DATA_DIR: dir });
    const elapsed = Date.now() - started;
    assert.notEqual(second.status, 0);
    assert.match(second.stderr, /in use by another Custodian process \(pid \d+\)/);
    assert.doesNotMatch(second.stderr, /at .*\.ts:\d+/, 'no stack trace for an expected condition');
    process.stdout.write(`# second process refused after ${elapsed} ms (including tsx start-up)\n`);
    await first.close();
    const third = cli(['migrate'], { DATA_DIR: dir });
    assert.equal(third.status, 0, third.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI explains bad arguments and bad configuration without a stack trace', () => {
  const a = cli(['frobnicate'], { DATA_DIR: '/tmp/unused' });
  assert.equal(a.status, 2);
  assert.match(a.stderr, /unknown command "frobnicate"/);
  const b = cli(['demo', '--seed', 'abc'], { DATA_DIR: '/tmp/unused' });
  assert.equal(b.status, 2);
  assert.match(b.stderr, /--seed must be a whole number/);
  const c = cli(['migrate'], { PORT: 'eighty' });
  assert.equal(c.status, 1);
  assert.match(c.stderr, /invalid configuration[\s\S]*PORT/);
});
