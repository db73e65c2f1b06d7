// Envelope encryption of biometric templates: the primitives, the key files, the enrolment route,
// and R21 at a small size (the full 1,000 templates: test/reliability/biometric-keys.rel.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvelopeError, open, rewrap, seal } from '../src/platform/crypto/envelope';
import { KekError, kekFileName, loadKeyRing, writeKek } from '../src/platform/crypto/kek-store';
import { body, samplePerson, startHarness, type Harness } from './harness';
import { buildApp } from '../src/app';
import { readTotpSecret } from '../src/platform/auth/totp-secrets';
import { keyStatus, retireKeys, rotateKeys } from '../src/platform/crypto/key-rotation';
import { runKeysCommand } from '../src/platform/crypto/keys-command';
import { runR21 } from './crypto-r21';

let dir: string;
before(() => { dir = mkdtempSync(path.join(tmpdir(), 'custodian-crypto-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

describe('envelope encryption', () => {
  test('seal/open round trip; another person, another purpose, a flipped bit or a missing key all fail', () => {
    const kd = path.join(dir, 'k1');
    const ring = loadKeyRing(kd, { create: true });
    const alice = randomUUID();
    const data = randomBytes(777);
    const s = seal(ring, alice, data, 'biometric-template');
    assert.deepEqual(open(ring, alice, s, 'biometric-template'), data);
    assert.equal(s.kekVersion, 1);
    assert.equal(s.ciphertext.includes(data.subarray(0, 16)), false);
    assert.throws(() => open(ring, randomUUID(), s, 'biometric-template'), EnvelopeError);
    assert.throws(() => open(ring, alice, s, 'face-image'), EnvelopeError);
    for (const field of ['ciphertext', 'wrappedKey'] as const) {
      for (const at of [0, 5, 20, s[field].length - 1]) {
        const bad = Buffer.from(s[field]);
        bad[at] ^= 1;
        assert.throws(() => open(ring, alice, { ...s, [field]: bad }, 'biometric-template'), EnvelopeError, `${field}[${at}]`);
      }
    }
    assert.throws(() => open(ring, alice, { ...s, kekVersion: 2 }, 'biometric-template'), /version 2 is not available/);
    // Two seals of the same data differ (fresh data key and IVs).
    assert.notDeepEqual(seal(ring, alice, data, 'biometric-template').ciphertext, s.ciphertext);
    // Re-wrapping under a new key keeps the ciphertext and needs only the new key afterwards.
    writeKek(kd, 2);
    const ring2 = loadKeyRing(kd, { create: false });
    const w = rewrap(ring2, alice, s);
    assert.equal(w.kekVersion, 2);
    rmSync(path.join(kd, kekFileName(1)));
    const only2 = loadKeyRing(kd, { create: false });
    assert.deepEqual(open(only2, alice, { ciphertext: s.ciphertext, ...w }, 'biometric-template'), data);
    assert.throws(() => rewrap(ring2, randomUUID(), s), EnvelopeError, 'a data key cannot be re-wrapped for another person');
  });

  test('key files: refused when readable by others or not 32 bytes; never overwritten', () => {
    const kd = path.join(dir, 'k2');
    loadKeyRing(kd, { create: true });
    assert.throws(() => writeKek(kd, 1), /EEXIST/);
    chmodSync(path.join(kd, kekFileName(1)), 0o644);
    assert.throws(() => loadKeyRing(kd, { create: false }), (e: unknown) => e instanceof KekError && /readable by others/.test(e.message));
    writeFileSync(path.join(kd, kekFileName(1)), 'c2hvcnQ=\n', { mode: 0o600 });
    chmodSync(path.join(kd, kekFileName(1)), 0o600);
    assert.throws(() => loadKeyRing(kd, { create: false }), /32-byte key/);
    assert.throws(() => loadKeyRing(path.join(dir, 'none'), { create: false }), /no key-encryption key/);
  });
});

describe('enrolment route', () => {
  let h: Harness;
  before(async () => { h = await startHarness({ BIOMETRIC_KEK_DIR: path.join(dir, 'server-kek') }); });
  after(async () => { await h.close(); });

  test('a biometric examiner enrols a template (201, audited without the template); unknown person 404; other roles 403', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER']);
    const person = body(await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId) }));
    const examiner = await h.user(['BIOMETRIC_EXAMINER']);
    const template = randomBytes(300).toString('base64');
    const url = `/api/persons/${person.id}/biometric-templates`;
    const res = await h.app.inject({ method: 'POST', url, headers: { cookie: examiner.cookie }, payload: { modality: 'FINGERPRINT', format: 'ISO-19794-2', template } });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(Object.keys(body(res)).sort(), ['createdAt', 'format', 'id', 'kekVersion', 'modality', 'personId']);
    const rows = (await h.auditRows('biometric.enrol')).filter((r) => r.request_id === res.headers['x-request-id']);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.object_id, person.id);
    assert.deepEqual((rows[0]!.details as Record<string, unknown>).bytes, 300);
    assert.equal((await h.app.inject({ method: 'POST', url: `/api/persons/${randomUUID()}/biometric-templates`, headers: { cookie: examiner.cookie }, payload: { modality: 'FACE', format: 'x', template } })).statusCode, 404);
    assert.equal((await h.app.inject({ method: 'POST', url, headers: { cookie: officer.cookie }, payload: { modality: 'FACE', format: 'x', template } })).statusCode, 403);
    assert.equal((await h.app.inject({ method: 'POST', url, headers: { cookie: examiner.cookie }, payload: { modality: 'FACE', format: 'x', template: 'not base64!' } })).statusCode, 422);
  });

});

describe('TOTP secrets at rest', () => {
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => { await h.close(); });

  test('enrolment seals the secret under the user id; a plaintext secret from before 0008 is sealed at start and its column emptied', async () => {
    const u = await h.user(['ANALYST'], 'RESTRICTED');
    const db = h.handle.db;
    const stored = await db.selectFrom('user_secret').selectAll().where('user_id', '=', u.id).execute();
    assert.deepEqual(stored.map((r) => r.kind), ['totp']);
    assert.equal(stored[0]!.ciphertext.includes(Buffer.from(u.totpSecret)), false);
    const ring = loadKeyRing(h.config.biometricKekDir, { create: false });
    assert.equal(await readTotpSecret(db, ring, u.id, 'totp'), u.totpSecret);
    // Moved to another user, the sealed secret does not open for them.
    const other = await h.user(['ANALYST'], 'RESTRICTED');
    await assert.rejects(readTotpSecret(db, ring, other.id, 'totp').then(async () => {
      await db.deleteFrom('user_secret').where('user_id', '=', other.id).execute();
      await db.updateTable('user_secret').set({ user_id: other.id }).where('user_id', '=', u.id).execute();
      return readTotpSecret(db, ring, other.id, 'totp');
    }), EnvelopeError);
    await db.deleteFrom('user_secret').where('user_id', 'in', [u.id, other.id]).execute();

    // The state a database from before migration 0008 is in: the secrets in plaintext columns.
    await db.updateTable('app_user').set({ totp_secret: u.totpSecret }).where('id', '=', u.id).execute();
    await db.updateTable('app_user').set({ totp_pending_secret: other.totpSecret }).where('id', '=', other.id).execute();
    const app = await buildApp({ handle: h.handle, config: h.config });
    await app.close();
    const left = await db.selectFrom('app_user').select(['totp_secret', 'totp_pending_secret']).where('id', 'in', [u.id, other.id]).execute();
    assert.deepEqual(left, [{ totp_secret: null, totp_pending_secret: null }, { totp_secret: null, totp_pending_secret: null }]);
    assert.equal(await readTotpSecret(db, ring, u.id, 'totp'), u.totpSecret);
    assert.equal(await readTotpSecret(db, ring, other.id, 'totp_pending'), other.totpSecret);
    assert.equal((await h.auditRows('keys.totp_sealed')).length, 1);
    // and the sealed secret signs in
    assert.match(await h.login(u), new RegExp(`^${h.cookieName}=`));
    // A second start has nothing to seal.
    await (await buildApp({ handle: h.handle, config: h.config })).close();
    assert.equal((await h.auditRows('keys.totp_sealed')).length, 1);
  });

  test('an MFA reset deletes the sealed secrets', async () => {
    const admin = await h.user(['ADMINISTRATOR']);
    const u = await h.user(['ANALYST'], 'RESTRICTED');
    assert.equal((await h.handle.db.selectFrom('user_secret').select('id').where('user_id', '=', u.id).execute()).length, 1);
    const res = await h.app.inject({ method: 'POST', url: `/api/users/${u.id}/mfa-reset`, headers: { cookie: admin.cookie } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await h.handle.db.selectFrom('user_secret').select('id').where('user_id', '=', u.id).execute()).length, 0);
  });
});

describe('key rotation with an unreadable row', () => {
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => { await h.close(); });

  test('rotate re-wraps every row it can, lists the unreadable one (table, id, why) and exits 1; retire keeps the old key', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER']);
    const examiner = await h.user(['BIOMETRIC_EXAMINER']);
    const person = body(await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId) }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.app.inject({ method: 'POST', url: `/api/persons/${person.id}/biometric-templates`, headers: { cookie: examiner.cookie }, payload: { modality: 'FACE', format: 'x', template: randomBytes(64).toString('base64') } });
      assert.equal(r.statusCode, 201, r.body);
      ids.push(body(r).id);
    }
    const db = h.handle.db;
    // The planted row: its wrapped data key altered by one bit (a disk fault, or a tampered row).
    const bad = [...ids].sort()[2]!;
    const row = await db.selectFrom('biometric_template').select('wrapped_key').where('id', '=', bad).executeTakeFirstOrThrow();
    const flipped = Buffer.from(row.wrapped_key);
    flipped[20] ^= 1;
    await db.updateTable('biometric_template').set({ wrapped_key: flipped }).where('id', '=', bad).execute();

    const out: string[] = [];
    const err: string[] = [];
    const [w1, w2] = [process.stdout.write, process.stderr.write];
    process.stdout.write = ((c: string) => { out.push(String(c)); return true; }) as typeof process.stdout.write;
    process.stderr.write = ((c: string) => { err.push(String(c)); return true; }) as typeof process.stderr.write;
    let code: number;
    try {
      code = await runKeysCommand(['rotate', '--batch', '2'], h.config, (fn) => fn(db));
    } finally {
      process.stdout.write = w1;
      process.stderr.write = w2;
    }
    assert.equal(code, 1, out.join('') + err.join(''));
    assert.match(err.join(''), new RegExp(`1 rows could not be re-wrapped[^]*biometric_template ${bad}: data key: does not decrypt`));
    assert.match(out.join(''), /Rotation not complete: \d+ data keys re-wrapped under key version 2/);
    const status = await keyStatus(db, h.config.biometricKekDir);
    // every other template and every TOTP secret is under the new key; only the planted row is not
    assert.deepEqual(status.byTable.biometric_template, { 1: 1, 2: 4 });
    assert.equal(status.byTable.user_secret['1'], undefined);
    assert.ok((status.byTable.user_secret['2'] ?? 0) >= 2);
    await assert.rejects(retireKeys(db, h.config.biometricKekDir, 'test'), /still wrap data keys/);
    const incomplete = await h.auditRows('keys.rotate.incomplete');
    assert.equal(incomplete.length, 1);
    assert.equal(incomplete[0]!.outcome, 'failed');
    assert.deepEqual((incomplete[0]!.details as { rows: unknown[] }).rows.map((r) => (r as { id: string }).id), [bad]);
    // Once the row is dealt with (here: restored from a backup), the next run finishes the same rotation.
    await db.updateTable('biometric_template').set({ wrapped_key: row.wrapped_key }).where('id', '=', bad).execute();
    const again = await rotateKeys(db, h.config.biometricKekDir, { requestId: 'test' });
    assert.deepEqual({ resumed: again.resumed, complete: again.complete, toVersion: again.toVersion, rewrapped: again.rewrapped, unreadable: again.unreadable },
      { resumed: true, complete: true, toVersion: 2, rewrapped: 1, unreadable: [] });
    assert.deepEqual(await retireKeys(db, h.config.biometricKekDir, 'test'), [1]);
  });
});

describe('R21 (small)', () => {
  // A database of its own: the rotation counts every template in it.
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => { await h.close(); });
  test('40 templates, canary nowhere outside its ciphertext, wrong id never decrypts, rotation', async () => {
    const f = await runR21(h, 40);
    assert.equal(f.templates, 40);
  });
});
