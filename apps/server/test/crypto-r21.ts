// R21, shared by the fast test (crypto.test.ts, a few dozen templates) and the full one
// (reliability/biometric-keys.rel.ts, 1,000): a canary template must appear nowhere outside its
// ciphertext — not in the database (pg_dump on a server, every row of every table as text on
// both engines), the server log, audit rows or error bodies; decryption under another person's id
// always fails; after rotation every template decrypts with the new key alone.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { EnvelopeError, open as openSealed } from '../src/platform/crypto/envelope';
import { kekVersionsIn, loadKeyRing } from '../src/platform/crypto/kek-store';
import { keyStatus, retireKeys, rotateKeys } from '../src/platform/crypto/key-rotation';
import { readTemplate, storeTemplate } from '../src/platform/crypto/template-store';
import { body, PASSWORD, samplePerson, type Harness } from './harness';
import { readTotpSecret, TOTP_PURPOSE } from '../src/platform/auth/totp-secrets';
import { createUser } from '../src/modules/users/user.service';
import { SYSTEM_ACTOR } from '../src/platform/access/actor';
import { CSRF_HEADER } from '../src/platform/http/csrf';

export type R21Figures = { templates: number; tablesScanned: number; dumpBytes: number | null; logLines: number; errorBodies: number; rotateMs: number };

function encodings(canary: Buffer): string[] {
  return [canary.toString('latin1'), canary.toString('hex'), canary.toString('base64'), canary.toString('base64').replace(/=+$/, '')];
}

function findIn(haystack: string, canary: Buffer): string | null {
  for (const e of encodings(canary)) if (haystack.includes(e)) return e.slice(0, 20);
  return null;
}

// RFC 4648 base32 (TOTP secrets), to look for the secret's raw bytes too.
function base32Bytes(s: string): Buffer {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const c of s.replace(/=+$/, '')) {
    value = (value << 5) | A.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

export async function runR21(h: Harness, n: number): Promise<R21Figures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'custodian-r21-'));
  // The harness's key directory: its users' TOTP secrets are sealed there, and rotation re-wraps those too.
  const kekDir = h.config.biometricKekDir;
  const logs: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, cb) { logs.push(chunk.toString('utf8')); cb(); } });
  const config = loadConfig({ CUSTODIAN_PROFILE: 'test', DATA_DIR: '/nonexistent', LOG_LEVEL: 'trace', BIOMETRIC_KEK_DIR: kekDir });
  const app = await buildApp({ handle: h.handle, config, logger: true, logStream: stream });
  await app.ready();
  try {
    const db = h.handle.db;
    const { facilityId } = await h.operation();
    const examiner = await h.user(['BIOMETRIC_EXAMINER']);
    const officer = await h.user(['CUSTODY_OFFICER']);
    // TOTP secrets are canaries too: one enrolled through this (logging) server, and the two above.
    const enrolling = await db.transaction().execute((tx) => createUser(tx, { actor: SYSTEM_ACTOR, requestId: 'r21' }, { username: 'r21-totp', displayName: 'R21 TOTP', roles: ['ANALYST'], clearance: 'RESTRICTED', password: PASSWORD, mustChangePassword: false }));
    const cookieOf = (r: { cookies: { name: string; value: string }[] }) => `${h.cookieName}=${r.cookies.find((c) => c.name === h.cookieName)!.value}`;
    const pw = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { [CSRF_HEADER]: '1' }, payload: { username: 'r21-totp', password: PASSWORD } });
    assert.equal(pw.statusCode, 200, pw.body);
    const firstCookie = cookieOf(pw);
    const setup = await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: firstCookie, [CSRF_HEADER]: '1' } });
    assert.equal(setup.statusCode, 200, setup.body);
    const newSecret = body(setup).secret as string;
    const confirmed = await app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers: { cookie: firstCookie, [CSRF_HEADER]: '1' }, payload: { code: await h.nextCode(newSecret) } });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    const totpUsers = [{ id: enrolling.id, username: 'r21-totp', secret: newSecret }, { id: examiner.id, username: examiner.username, secret: examiner.totpSecret }, { id: officer.id, username: officer.username, secret: officer.totpSecret }];
    const secretCanaries = totpUsers.flatMap((u) => [Buffer.from(u.secret, 'latin1'), base32Bytes(u.secret)]);
    const findSecret = (haystack: string): string | null => {
      for (const c of secretCanaries) { const f = findIn(haystack, c); if (f) return f; }
      return null;
    };
    // Requests that fail carrying a TOTP secret: as the code, as an extra field, in a broken body.
    const secondCookie = cookieOf(await app.inject({ method: 'POST', url: '/api/auth/login', headers: { [CSRF_HEADER]: '1' }, payload: { username: 'r21-totp', password: PASSWORD } }));
    const badTotp = [
      await app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: { cookie: secondCookie, [CSRF_HEADER]: '1' }, payload: { code: newSecret } }),
      await app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: { cookie: secondCookie, [CSRF_HEADER]: '1' }, payload: { code: '000000', secret: newSecret } }),
      await app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers: { cookie: secondCookie, [CSRF_HEADER]: '1' }, payload: { code: '123456' } }),
      await app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: { cookie: secondCookie, [CSRF_HEADER]: '1' }, payload: `{"code":"${newSecret}"`, }),
    ];
    for (const r of badTotp) {
      assert.ok(r.statusCode >= 400, `expected an error, got ${r.statusCode}: ${r.body.slice(0, 200)}`);
      assert.equal(findSecret(r.body), null, `error body of ${r.statusCode} holds a TOTP secret: ${r.body.slice(0, 200)}`);
    }
    // Persons: one per 10 templates, registered through the API.
    const persons: string[] = [];
    for (let i = 0; i < Math.max(2, Math.ceil(n / 10)); i++) {
      const r = await app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie, [CSRF_HEADER]: '1' }, payload: samplePerson(facilityId) });
      assert.equal(r.statusCode, 201, r.body);
      persons.push(body(r).id);
    }
    // The canary: 48 bytes (base64 without padding) that occur nowhere by chance.
    const canary = Buffer.concat([Buffer.from('CANARY-TEMPLATE-'), randomBytes(32)]);
    const post = (personId: string, payload: unknown, headers: Record<string, string> = {}) => app.inject({
      method: 'POST', url: `/api/persons/${personId}/biometric-templates`, headers: { cookie: examiner.cookie, [CSRF_HEADER]: '1', ...headers }, payload: payload as object,
    });
    const enrolled = await post(persons[0]!, { modality: 'FINGERPRINT', format: 'ISO-19794-2', template: canary.toString('base64') });
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    assert.equal(findIn(enrolled.body, canary), null, 'the answer does not echo the template');
    const canaryId = body(enrolled).id as string;
    const ids: { id: string; personId: string; bytes: Buffer }[] = [{ id: canaryId, personId: persons[0]!, bytes: canary }];

    // Requests that fail, each carrying the canary somewhere.
    const b64 = canary.toString('base64');
    const bad = [
      await post(randomUUID(), { modality: 'FINGERPRINT', format: 'ISO-19794-2', template: b64 }),
      await post(persons[1]!, { modality: 'PALM', format: 'ISO-19794-2', template: b64 }),
      await post(persons[1]!, { modality: 'FACE', format: `bad format ${canary.toString('hex')}`, template: b64 }),
      await post(persons[1]!, { modality: 'FACE', format: 'x', template: `${b64}!` }),
      await post(persons[1]!, { modality: 'FACE', format: 'x', template: b64, templateCopy: b64 }),
      await post(persons[1]!, `{"modality":"FACE","template":"${b64}"`, { 'content-type': 'application/json' }),
      await post('not-a-uuid', { modality: 'FACE', format: 'x', template: b64 }),
      await app.inject({ method: 'POST', url: `/api/persons/${persons[1]}/biometric-templates`, headers: { cookie: officer.cookie, [CSRF_HEADER]: '1' }, payload: { modality: 'FACE', format: 'x', template: b64 } }),
    ];
    for (const r of bad) {
      assert.ok(r.statusCode >= 400, `expected an error, got ${r.statusCode}`);
      assert.equal(findIn(r.body, canary), null, `error body of ${r.statusCode}: ${r.body.slice(0, 200)}`);
    }

    // The rest of the templates through the store, in transactions of 100.
    const ring = loadKeyRing(kekDir, { create: false });
    for (let done = 1; done < n;) {
      const k = Math.min(100, n - done);
      const batch = await db.transaction().execute(async (tx) => {
        const out: typeof ids = [];
        for (let i = 0; i < k; i++) {
          const personId = persons[(done + i) % persons.length]!;
          const bytes = randomBytes(200 + ((done + i) % 300));
          const m = await storeTemplate(tx, ring, { personId, modality: 'FINGERPRINT', format: 'custodian-minutiae-v1', template: bytes, createdBy: null });
          out.push({ id: m.id, personId, bytes });
        }
        return out;
      });
      ids.push(...batch);
      done += k;
    }

    // 1. The database, every row of every table as text (bytea as hex) — on both engines.
    const tables = (await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.t);
    assert.ok(tables.includes('biometric_template') && tables.includes('audit_log'));
    for (const t of tables) {
      const rows = (await sql<{ r: string }>`select x::text as r from ${sql.table(t)} x`.execute(db)).rows;
      for (const row of rows) {
        assert.equal(findIn(row.r, canary), null, `table ${t} holds the canary`);
        assert.equal(findSecret(row.r), null, `table ${t} holds a TOTP secret`);
      }
    }
    // 2. pg_dump of the server database.
    let dumpBytes: number | null = null;
    if (h.engine === 'postgres' && process.env.TEST_DATABASE_URL) {
      const url = new URL(process.env.TEST_DATABASE_URL);
      url.pathname = `/${(await sql<{ d: string }>`select current_database() as d`.execute(db)).rows[0]!.d}`;
      const dump = spawnSync('pg_dump', ['--no-owner', url.toString()], { encoding: 'latin1', maxBuffer: 1 << 30 });
      assert.equal(dump.status, 0, dump.stderr);
      dumpBytes = dump.stdout.length;
      assert.ok(dump.stdout.includes('biometric_template'));
      assert.equal(findIn(dump.stdout, canary), null, 'pg_dump holds the canary');
      assert.equal(findSecret(dump.stdout), null, 'pg_dump holds a TOTP secret');
    }
    // 3. Audit rows (also covered above) and 4. the server log.
    const audit = await db.selectFrom('audit_log').selectAll().execute();
    assert.ok(audit.some((r) => r.action === 'biometric.enrol' && r.object_id === persons[0]));
    for (const r of audit) {
      assert.equal(findIn(JSON.stringify(r), canary), null, `audit row ${r.seq}`);
      assert.equal(findSecret(JSON.stringify(r)), null, `audit row ${r.seq} holds a TOTP secret`);
    }
    const log = logs.join('');
    assert.ok(logs.length > bad.length, 'the log recorded the requests');
    assert.equal(findIn(log, canary), null, 'the server log holds the canary');
    assert.ok(log.includes('/api/auth/totp/confirm'), 'the log saw the enrolment');
    for (const line of logs) assert.equal(findSecret(line), null, `the server log holds a TOTP secret: ${line.slice(0, 600)}`);
    // The secrets are in user_secret, sealed under each user's id: another user's id never opens them.
    for (const [i, u] of totpUsers.entries()) {
      assert.equal(await readTotpSecret(db, ring, u.id, 'totp'), u.secret);
      const row = await db.selectFrom('user_secret').select(['ciphertext', 'wrapped_key', 'kek_version']).where('user_id', '=', u.id).where('kind', '=', 'totp').executeTakeFirstOrThrow();
      const sealed = { ciphertext: row.ciphertext, wrappedKey: row.wrapped_key, kekVersion: row.kek_version };
      assert.equal(openSealed(ring, u.id, sealed, TOTP_PURPOSE).toString(), u.secret);
      assert.throws(() => openSealed(ring, totpUsers[(i + 1) % totpUsers.length]!.id, sealed, TOTP_PURPOSE), EnvelopeError);
    }
    assert.equal((await db.selectFrom('app_user').select('id').where((eb) => eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)])).execute()).length, 0, 'no plaintext column holds a secret');

    // Decryption: right person always works, any other person's id never does.
    const check = async (r: typeof ring) => {
      for (const [i, t] of ids.entries()) {
        assert.deepEqual(await readTemplate(db, r, t.personId, t.id), t.bytes);
        const other = persons[(persons.indexOf(t.personId) + 1 + (i % (persons.length - 1))) % persons.length]!;
        assert.notEqual(other, t.personId);
        await assert.rejects(readTemplate(db, r, other, t.id), EnvelopeError);
      }
    };
    await check(ring);
    // A row moved to another person does not decrypt for them either (the attacker's UPDATE).
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('biometric_template').set({ person_id: persons[1]! }).where('id', '=', canaryId).execute();
      await assert.rejects(readTemplate(tx, ring, persons[1]!, canaryId), EnvelopeError);
      await tx.updateTable('biometric_template').set({ person_id: persons[0]! }).where('id', '=', canaryId).execute();
    });

    // Rotation, interrupted after one batch, then finished; then the old key is deleted.
    const t0 = performance.now();
    const first = await rotateKeys(db, kekDir, { requestId: 'r21-rotate', batchSize: Math.ceil(n / 3), maxBatches: 1 });
    assert.equal(first.resumed, false);
    assert.equal(first.complete, false);
    let status = await keyStatus(db, kekDir);
    const secrets = Object.values(status.byTable.user_secret).reduce((a, b) => a + b, 0);
    assert.ok(secrets >= totpUsers.length);
    assert.equal(status.current, 2);
    assert.equal(status.byTable.biometric_template['2'], Math.ceil(n / 3));
    assert.equal(status.byTable.biometric_template['1'], n - Math.ceil(n / 3));
    assert.deepEqual(status.byTable.user_secret, { 1: secrets });
    await assert.rejects(retireKeys(db, kekDir, 'r21-retire'), /still wrap data keys/);
    const second = await rotateKeys(db, kekDir, { requestId: 'r21-rotate-2', batchSize: 250 });
    const rotateMs = performance.now() - t0;
    assert.equal(second.resumed, true, 'the second run finishes the first rotation instead of making key 3');
    assert.equal(second.complete, true);
    assert.deepEqual(second.unreadable, []);
    status = await keyStatus(db, kekDir);
    assert.deepEqual(status.byTable, { biometric_template: { 2: n }, user_secret: { 2: secrets } });
    assert.deepEqual(await retireKeys(db, kekDir, 'r21-retire'), [1]);
    assert.deepEqual(kekVersionsIn(kekDir), [2]);
    const newOnly = loadKeyRing(kekDir, { create: false });
    assert.deepEqual(newOnly.versions, [2]);
    await check(newOnly);
    // TOTP secrets open with the new key alone, and sign-in with them still works after rotation.
    for (const u of totpUsers) assert.equal(await readTotpSecret(db, newOnly, u.id, 'totp'), u.secret);
    assert.match(await h.login({ username: 'r21-totp', totpSecret: newSecret }), new RegExp(`^${h.cookieName}=`));
    // and the old key alone opens nothing now
    await assert.rejects(readTemplate(db, ring, ids[0]!.personId, ids[0]!.id), EnvelopeError, 'the old ring no longer decrypts');
    await assert.rejects(readTotpSecret(db, ring, enrolling.id, 'totp'), EnvelopeError, 'the old ring no longer opens a TOTP secret');
    const actions = (await db.selectFrom('audit_log').select('action').where('action', 'like', 'keys.%').orderBy('seq').execute()).map((r) => r.action);
    assert.deepEqual(actions, ['keys.rotate.start', 'keys.rotate.resume', 'keys.rotate.complete', 'keys.retire']);
    return { templates: n, tablesScanned: tables.length, dumpBytes, logLines: logs.length, errorBodies: bad.length, rotateMs };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
