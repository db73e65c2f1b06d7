// The audit view, its exports (CSV, signed JSON that `custodian audit verify --export` checks) and
// the guard that makes audit rows append-only, on the engine of the run (PGlite or PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { auditHash, recordOfRow } from '../src/platform/audit/audit-log';
import { verifyExport } from '../src/platform/audit/audit-export';
import { trustedKeyMap } from '../src/platform/audit/checkpoint';
import { loadOrCreateSigningKey } from '../src/platform/audit/signing-key';
import { body, samplePerson, startHarness, type Harness } from './harness';

let h: Harness;
let dir: string;
let monitor: { cookie: string; username: string };
let personId: string;
const keyFile = () => path.join(dir, 'key', 'ed25519.pem');

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'custodian-audit-view-'));
  h = await startHarness({ AUDIT_SIGNING_KEY_FILE: keyFile(), AUDIT_WITNESS_DIR: path.join(dir, 'witness') });
  const { facilityId } = await h.operation();
  const officer = await h.user(['CUSTODY_OFFICER']);
  const res = await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId) });
  assert.equal(res.statusCode, 201, res.body);
  personId = body(res).id;
  for (let i = 0; i < 3; i++) await h.app.inject({ method: 'GET', url: `/api/persons/${personId}`, headers: { cookie: officer.cookie } });
  await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '=HYPERLINK("http://x")', password: 'nope' } });
  monitor = await h.user(['HUMANITARIAN_MONITOR']);
});
after(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, cookie = monitor.cookie) => h.app.inject({ method: 'GET', url, headers: { cookie } });

describe('audit view', () => {
  test('filter by person: the record\'s history, newest first; the read itself is audited before the rows leave', async () => {
    const res = await get(`/api/audit?objectId=${personId}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = body(res);
    assert.deepEqual(page.items.map((e: { action: string }) => e.action), ['person.read', 'person.read', 'person.read', 'person.create']);
    assert.ok(page.items.every((e: { objectId: string }) => e.objectId === personId));
    const seqs = page.items.map((e: { seq: string }) => Number(e.seq));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
    const own = (await h.auditRows('audit.read')).filter((r) => r.request_id === res.headers['x-request-id']);
    assert.equal(own.length, 1);
    assert.equal(own[0]!.actor, monitor.username);
    assert.deepEqual((own[0]!.details as { filters: unknown }).filters, { objectId: personId });
  });

  test('keyset pages walk the whole log once, newest first', async () => {
    const all = await h.auditRows();
    const seen: number[] = [];
    let before: string | null = String(Number(all[all.length - 1]!.seq) + 1);
    while (before) {
      const p: { items: { seq: string }[]; nextBefore: string | null } = body(await get(`/api/audit?limit=7&before=${before}`));
      seen.push(...p.items.map((e) => Number(e.seq)));
      before = p.nextBefore;
    }
    assert.deepEqual(seen, all.map((r) => Number(r.seq)).reverse());
  });

  test('filters: actor, action prefix, outcome, time range', async () => {
    const denied = body(await get('/api/audit?outcome=denied&action=auth.'));
    assert.ok(denied.items.length >= 1);
    assert.ok(denied.items.every((e: { outcome: string; action: string }) => e.outcome === 'denied' && e.action.startsWith('auth.')));
    const mine = body(await get(`/api/audit?actor=${monitor.username}`));
    assert.ok(mine.items.length >= 2 && mine.items.every((e: { actor: string }) => e.actor === monitor.username));
    const future = body(await get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`));
    assert.equal(future.items.length, 0);
    const past = body(await get(`/api/audit?to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}&limit=500`));
    assert.ok(past.items.length > 5);
  });

  test('routine=hide leaves out successful routine requests only; denials, failures and domain events stay', async () => {
    // A denied call and a routine one, both written as `request` rows.
    const officer = await h.user(['CUSTODY_OFFICER']);
    assert.equal((await get('/api/audit', officer.cookie)).statusCode, 403);
    assert.equal((await get('/api/auth/me', officer.cookie)).statusCode, 200);
    const all = (await h.auditRows()).filter((r) => r.actor === officer.username);
    assert.ok(all.some((r) => r.action === 'request' && r.outcome === 'success'), 'the routine call left a row');
    assert.ok(all.some((r) => r.outcome === 'denied'), 'the denial left a row');
    const seqsOf = (p: { items: { seq: string }[] }) => p.items.map((e) => e.seq);
    const hidden = body(await get(`/api/audit?actor=${officer.username}&routine=hide&limit=500`));
    const expected = all.filter((r) => !(r.action === 'request' && r.outcome === 'success')).map((r) => String(r.seq)).reverse();
    assert.deepEqual(seqsOf(hidden), expected);
    assert.ok(hidden.items.some((e: { outcome: string }) => e.outcome === 'denied'));
    const shown = body(await get(`/api/audit?actor=${officer.username}&routine=show&limit=500`));
    assert.deepEqual(seqsOf(shown), all.map((r) => String(r.seq)).reverse());
    assert.equal((await get('/api/audit?routine=maybe')).statusCode, 422);
  });

  test('bad filters are 422 naming the field; roles without audit:read get 403', async () => {
    const r1 = await get('/api/audit?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z');
    assert.equal(r1.statusCode, 422);
    assert.ok(body(r1).errors.some((e: { path: string }) => e.path.includes('to')));
    assert.equal((await get('/api/audit?limit=100000')).statusCode, 422);
    assert.equal((await get('/api/audit?before=abc')).statusCode, 422);
    assert.equal((await get('/api/audit?outcome=maybe')).statusCode, 422);
    assert.equal((await get('/api/audit?sneaky=1')).statusCode, 422);
    const officer = await h.user(['CUSTODY_OFFICER']);
    assert.equal((await get('/api/audit', officer.cookie)).statusCode, 403);
  });
});

describe('exports', () => {
  test('CSV: a header and the matching rows, oldest first; a cell a spreadsheet would run is defused', async () => {
    const res = await get('/api/audit/export.csv?action=auth.login');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    assert.ok(rows.length >= 3);
    assert.ok(rows.every((r) => r.action === 'auth.login'));
    const evil = rows.find((r) => r.outcome === 'denied')!;
    assert.equal(evil.actor, '\'=HYPERLINK("http://x")');
    assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((r) => Number(r.seq)).sort((a, b) => a - b));
    const own = (await h.auditRows('audit.export')).filter((r) => r.request_id === res.headers['x-request-id']);
    assert.equal(own.length, 1);
  });

  test('signed JSON: verifies with the public key alone; a tampered row is named by the CLI', async () => {
    const res = await get(`/api/audit/export.json?objectId=${personId}`);
    assert.equal(res.statusCode, 200, res.body);
    const doc = body(res);
    // The person's four entries, the earlier look at their history, and this export itself: the
    // export is audited first, so its own row is covered by the checkpoint it carries.
    const actions: string[] = doc.rows.map((r: { action: string }) => r.action);
    assert.deepEqual(actions.filter((a) => a.startsWith('person.')), ['person.create', 'person.read', 'person.read', 'person.read']);
    const last = doc.rows[doc.rows.length - 1];
    assert.equal(last.action, 'audit.export');
    assert.equal(last.requestId, res.headers['x-request-id']);
    assert.ok(doc.checkpoint.treeSize >= Number(last.seq));
    const pub = createPublicKey(loadOrCreateSigningKey(keyFile()));
    const ok = verifyExport(doc, trustedKeyMap([pub]));
    assert.equal(ok.ok, true, ok.summary);
    assert.equal(verifyExport(doc, new Map()).ok, false, 'no trusted key, no trust');

    // The whole log as well: consecutive rows, so the chain links are checked too.
    const all = body(await get('/api/audit/export.json'));
    assert.equal(verifyExport(all, trustedKeyMap([pub])).ok, true);
    const sizes = all.consistency.map((c: { fromSize: number }) => c.fromSize);
    assert.ok(sizes.includes(doc.checkpoint.treeSize), 'the newer export proves it extends the earlier checkpoint');

    const pubFile = path.join(dir, 'server.pub.pem');
    writeFileSync(pubFile, pub.export({ type: 'spki', format: 'pem' }));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, res.body);
    const victim = doc.rows[1];
    // 1. a field changed: the row no longer matches its hash
    const edited = structuredClone(doc);
    edited.rows[1].actor = 'someone-else';
    const f1 = path.join(dir, 'edited.json');
    writeFileSync(f1, JSON.stringify(edited));
    // 2. changed and re-hashed: the hash is consistent, but the row is not in the signed tree
    const forged = structuredClone(edited);
    const { prevHash, hash: _h, inclusionProof: _p, ...rest } = forged.rows[1];
    forged.rows[1].hash = auditHash(prevHash, rest);
    const f2 = path.join(dir, 'forged.json');
    writeFileSync(f2, JSON.stringify(forged));
    assert.match(verifyExport(forged, trustedKeyMap([pub])).summary, new RegExp(`first bad sequence number ${victim.seq}: not in the signed tree`));

    const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');
    const TSX = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
    // The three CLI runs in one child process that starts them in turn (start-up dominates).
    const script = spawnSync(process.execPath, ['-e', `
      const { spawnSync } = require('node:child_process');
      const out = [];
      for (const f of ${JSON.stringify([good, f1, f2])}) {
        const r = spawnSync(${JSON.stringify(TSX)}, [${JSON.stringify(MAIN)}, 'audit', 'verify', '--export', f, '--key', ${JSON.stringify(pubFile)}], { env: { ...process.env, DATA_DIR: ${JSON.stringify(path.join(dir, 'elsewhere'))}, DATABASE_URL: '' }, encoding: 'utf8' });
        out.push({ status: r.status, stdout: r.stdout, stderr: r.stderr });
      }
      process.stdout.write(JSON.stringify(out));`], { encoding: 'utf8', timeout: 300_000 });
    const [r0, r1, r2] = JSON.parse(script.stdout) as { status: number; stdout: string; stderr: string }[];
    assert.equal(r0!.status, 0, r0!.stdout + r0!.stderr);
    assert.match(r0!.stdout, new RegExp(`^audit export verified: ${doc.rows.length} rows`));
    assert.equal(r1!.status, 1, r1!.stdout + r1!.stderr);
    assert.match(r1!.stdout, new RegExp(`^first bad sequence number ${victim.seq}: row content does not match its hash`));
    assert.equal(r2!.status, 1);
    assert.match(r2!.stdout, new RegExp(`^first bad sequence number ${victim.seq}: not in the signed tree`));
  });
});

describe('audit view and need-to-know', () => {
  test('a monitor below a record\'s classification learns nothing of it: view, filters, CSV and signed JSON leave its rows out; the filtered export verifies and a tampered row is caught', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER'], 'SECRET');
    const made = await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId, { classification: 'SECRET' }) });
    assert.equal(made.statusCode, 201, made.body);
    const secretId = body(made).id as string;
    await h.app.inject({ method: 'GET', url: `/api/persons/${secretId}`, headers: { cookie: officer.cookie } });
    const low = await h.user(['HUMANITARIAN_MONITOR'], 'CONFIDENTIAL');
    const hits = (text: string) => text.split(secretId).length - 1;

    // The SECRET monitor sees the record's history; the CONFIDENTIAL one gets nothing, whichever way it asks.
    const high = body(await get(`/api/audit?objectId=${secretId}`));
    assert.deepEqual(high.items.map((e: { action: string }) => e.action), ['person.read', 'person.create']);
    const byId = body(await get(`/api/audit?objectId=${secretId}`, low.cookie));
    assert.deepEqual(byId.items, []);
    for (const url of ['/api/audit?limit=500', '/api/audit?action=person.&limit=500', `/api/audit?actor=${officer.username}&limit=500`]) {
      const r = await get(url, low.cookie);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(hits(r.body), 0, `${url} shows a row about the SECRET record`);
    }
    // …while rows about what they may see are still there (the other person, the officer's sign-in).
    const visible = body(await get(`/api/audit?actor=${officer.username}&limit=500`, low.cookie)).items.map((e: { action: string }) => e.action);
    assert.ok(visible.includes('auth.login'), visible.join(', '));
    const csvLow = await get(`/api/audit/export.csv?actor=${officer.username}`, low.cookie);
    assert.equal(csvLow.statusCode, 200);
    assert.equal(hits(csvLow.body), 0, 'CSV');
    assert.ok(hits((await get(`/api/audit/export.csv?actor=${officer.username}`)).body) >= 2, 'the SECRET monitor\'s CSV has them');
    const jsonRes = await get('/api/audit/export.json', low.cookie);
    assert.equal(jsonRes.statusCode, 200, jsonRes.body);
    assert.equal(hits(jsonRes.body), 0, 'signed JSON');
    const doc = body(jsonRes);
    const seqs = doc.rows.map((r: { seq: string }) => Number(r.seq));
    assert.ok(seqs.length < doc.checkpoint.treeSize, 'rows were left out');

    // The filtered export still verifies with the public key alone, and one changed row is named.
    const pub = createPublicKey(loadOrCreateSigningKey(keyFile()));
    const ok = verifyExport(doc, trustedKeyMap([pub]));
    assert.equal(ok.ok, true, ok.summary);
    const victim = doc.rows[Math.floor(doc.rows.length / 2)];
    const edited = structuredClone(doc);
    edited.rows[Math.floor(doc.rows.length / 2)].details = { note: 'rewritten' };
    assert.match(verifyExport(edited, trustedKeyMap([pub])).summary, new RegExp(`first bad sequence number ${victim.seq}: row content does not match its hash`));
    const forged = structuredClone(edited);
    const row = forged.rows[Math.floor(doc.rows.length / 2)];
    const { prevHash, hash: _h, inclusionProof: _p, ...rest } = row;
    row.hash = auditHash(prevHash, rest);
    assert.match(verifyExport(forged, trustedKeyMap([pub])).summary, new RegExp(`first bad sequence number ${victim.seq}: not in the signed tree`));
    // The same through the CLI a monitor's organisation would run: `custodian audit verify --export`.
    const pubFile = path.join(dir, 'low.pub.pem');
    writeFileSync(pubFile, pub.export({ type: 'spki', format: 'pem' }));
    const files = [path.join(dir, 'low.json'), path.join(dir, 'low-edited.json')];
    writeFileSync(files[0]!, jsonRes.body);
    writeFileSync(files[1]!, JSON.stringify(edited));
    const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');
    const TSX = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const script = spawnSync(process.execPath, ['-e', `
      const { spawnSync } = require('node:child_process');
      const out = [];
      for (const f of ${JSON.stringify(files)}) {
        const r = spawnSync(${JSON.stringify(TSX)}, [${JSON.stringify(MAIN)}, 'audit', 'verify', '--export', f, '--key', ${JSON.stringify(pubFile)}], { env: { ...process.env, DATA_DIR: ${JSON.stringify(path.join(dir, 'elsewhere-low'))}, DATABASE_URL: '' }, encoding: 'utf8' });
        out.push({ status: r.status, stdout: r.stdout, stderr: r.stderr });
      }
      process.stdout.write(JSON.stringify(out));`], { encoding: 'utf8', timeout: 300_000 });
    const [c0, c1] = JSON.parse(script.stdout) as { status: number; stdout: string; stderr: string }[];
    assert.equal(c0!.status, 0, c0!.stdout + c0!.stderr);
    assert.match(c0!.stdout, new RegExp(`^audit export verified: ${doc.rows.length} rows`));
    assert.equal(c1!.status, 1, c1!.stdout + c1!.stderr);
    assert.match(c1!.stdout, new RegExp(`^first bad sequence number ${victim.seq}: row content does not match its hash`));
    // Leaving rows out is what a filtered export is: it still verifies.
    const dropped = structuredClone(doc);
    dropped.rows.splice(1, 1);
    assert.equal(verifyExport(dropped, trustedKeyMap([pub])).ok, true);
  });
});

describe('audit rows are append-only', () => {
  test(`UPDATE, DELETE and TRUNCATE of audit rows and checkpoints are refused by the database (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
    const db = h.handle.db;
    const before = await h.auditRows();
    for (const stmt of [
      sql`update audit_log set actor = 'nobody' where seq = 1`,
      sql`delete from audit_log where seq = (select max(seq) from audit_log)`,
      sql`truncate audit_log`,
      sql`update audit_checkpoint set root_hash = 'x'`,
      sql`delete from audit_checkpoint`,
      sql`truncate audit_checkpoint`,
    ]) {
      await assert.rejects(stmt.execute(db), /append-only/);
    }
    assert.ok(Number((await sql<{ n: string }>`select count(*) as n from audit_checkpoint`.execute(db)).rows[0]!.n) >= 1, 'the guard was tested on real checkpoints');
    assert.deepEqual(await h.auditRows(), before);
    const first = await db.selectFrom('audit_log').selectAll().where('seq', '=', '1').executeTakeFirstOrThrow();
    assert.equal(auditHash(first.prev_hash, recordOfRow(first)), first.hash);
  });
});
