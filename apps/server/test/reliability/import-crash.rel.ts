// R7: a 50,000-row roster imported while the process is killed 5 times at random moments, then
// resumed, then the same file imported again: exactly 50,000 persons, one "import complete".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { freshServerDatabase } from '../harness';
import { openPglite, openPostgres, type DbHandle } from '../../src/platform/db/connect';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
const TSX = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx');
const ROWS = Number(process.env.R7_ROWS ?? 50_000);

function roster(): string {
  const lines = ['roster_number,name,name_arabic,sex,date_of_birth,nationality,risk_class,arrest_date,arrest_place,ordering_authority,grounds'];
  for (let i = 1; i <= ROWS; i++) lines.push(`R7-${i},Omar Salih ${i},عمر صالح,M,${1960 + (i % 40)},IRQ,${['HVD', 'HIGH', 'MEDIUM', 'LOW'][i % 4]},2019-03-01,Hajin,Test authority,Suspected membership (synthetic)`);
  return lines.join('\n');
}

async function target(): Promise<{ env: Record<string, string>; open: () => Promise<DbHandle>; cleanup: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(tmpdir(), 'custodian-r7-'));
    return { env: { DATA_DIR: dir, DATABASE_URL: '' }, open: () => openPglite(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const fresh = await freshServerDatabase(url, 'custodian_r7');
  return { env: { DATABASE_URL: fresh.url }, open: () => openPostgres(fresh.url, { requireDurable: false }), cleanup: fresh.drop };
}


function runImport(env: Record<string, string>, file: string, killAfterMs: number | null): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [MAIN, 'import', file, '--source-list', 'R7', '--facility', 'R7-PRISON', '--authority', 'Test authority', '--commit'], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => { if (timer) clearTimeout(timer); resolve({ code, out }); });
  });
}

test(`R7: ${ROWS} rows, killed 5 times, resumed, re-imported`, { timeout: 30 * 60_000 }, async () => {
  const t = await target();
  const dir = mkdtempSync(path.join(tmpdir(), 'custodian-r7-file-'));
  const file = path.join(dir, 'roster.csv');
  writeFileSync(file, roster());
  try {
    let h = await t.open();
    const op = randomUUID();
    await h.db.insertInto('operation').values({ id: op, code: 'R7', name: 'R7', target_persons: ROWS, demo: false }).execute();
    await h.db.insertInto('facility').values({ id: randomUUID(), operation_id: op, code: 'R7-PRISON', name: 'R7 prison', kind: 'PRISON', holding_authority: 'x', country: 'SYR', capacity_certified: ROWS, capacity_working: ROWS, capacity_maximum: ROWS, risk_level: 'HIGH' }).execute();
    await h.close();
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Kills land between start-up and the end of the commit: an import of this size takes longer
    // than the longest delay here, so each run dies somewhere in parse, preview or commit.
    let killed = 0;
    for (let k = 0; k < 5; k++) {
      const r = await runImport(t.env, file, 1_500 + Math.floor(rand() * 8_000));
      if (r.code === null) killed++;
      process.stdout.write(`# run ${k + 1}: ${r.code === null ? 'killed' : `exited ${r.code}`}\n`);
    }
    assert.ok(killed >= 3, `only ${killed} of 5 runs were killed mid-import`);
    const done = await runImport(t.env, file, null);
    assert.equal(done.code, 0, done.out);
    const again = await runImport(t.env, file, null);
    assert.equal(again.code, 0, again.out);
    h = await t.open();
    const n = await h.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const distinct = await h.db.selectFrom('person_identifier').select((eb) => eb.fn.countAll<string>().as('n')).where('scheme', '=', 'ROSTER:R7').executeTakeFirstOrThrow();
    const complete = await h.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', 'import.complete').executeTakeFirstOrThrow();
    await h.close();
    assert.equal(Number(n.n), ROWS);
    assert.equal(Number(distinct.n), ROWS);
    assert.equal(Number(complete.n), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await t.cleanup();
  }
});
