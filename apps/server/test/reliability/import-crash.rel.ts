// R7: a 50,000-row roster imported while the process is killed 5 times at random moments (in the
// commit and before it), then resumed, then the same file imported again: exactly 50,000 persons,
// one "import complete".
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


/**
 * One CLI import. `kill`: SIGKILL that many ms after the start, or that many ms after the preview
 * line (the commit has begun then); null: run to the end. `previewMs`: when the preview line came.
 */
function runImport(env: Record<string, string>, file: string, kill: { afterMs: number } | { afterPreviewMs: number } | null): Promise<{ code: number | null; out: string; previewMs: number | null }> {
  return new Promise((resolve) => {
    const started = Date.now();
    // tsx runs the CLI in a child node process: the process group is killed, both at once, as a
    // power cut would (killing tsx alone left the import running on, orphaned, to the end)
    const child = spawn(TSX, [MAIN, 'import', file, '--source-list', 'R7', '--facility', 'R7-PRISON', '--authority', 'Test authority', '--commit'], { env: { ...process.env, ...env }, detached: true });
    const killNow = () => { if (child.pid) process.kill(-child.pid, 'SIGKILL'); };
    let out = '';
    let previewMs: number | null = null;
    let timer: NodeJS.Timeout | null = kill && 'afterMs' in kill ? setTimeout(killNow, kill.afterMs) : null;
    const onData = (d: Buffer) => {
      out += d;
      if (previewMs === null && /\d+ rows, \d+ valid/.test(out)) {
        previewMs = Date.now() - started;
        if (kill && 'afterPreviewMs' in kill) timer = setTimeout(killNow, kill.afterPreviewMs);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { if (timer) clearTimeout(timer); resolve({ code, out, previewMs }); });
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
    // Kills land at random moments of every phase, timed from what the import prints, not from
    // the clock alone (a resumed import has less left to commit, and fixed delays of up to 9.5 s
    // sometimes let it finish): runs 1, 3 and 5 die within 300 ms of the commit's start, runs 2
    // and 4 at 20-90 % of the quickest preview so far (start-up, parsing or the preview).
    let killed = 0;
    let previewMs = 0;
    for (let k = 0; k < 5; k++) {
      const inCommit = k % 2 === 0;
      const r = await runImport(t.env, file, inCommit ? { afterPreviewMs: Math.floor(rand() * 300) } : { afterMs: Math.floor(previewMs * (0.2 + 0.7 * rand())) });
      if (r.code === null) killed++;
      if (r.previewMs !== null) previewMs = k === 0 ? r.previewMs : Math.min(previewMs, r.previewMs);
      if (r.code !== null) process.stdout.write(r.out.split('\n').map((l) => `#   ${l}\n`).join(''));
      process.stdout.write(`# run ${k + 1}: ${r.code === null ? `killed ${r.previewMs === null ? 'before the preview' : `in the commit (preview after ${r.previewMs} ms)`}` : `exited ${r.code}`}\n`);
    }
    assert.ok(previewMs > 0, 'run 1 printed no preview line before it was killed');
    assert.equal(killed, 5, `only ${killed} of 5 runs were killed mid-import`);
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
