// `custodian keys rotate|status|retire`: re-wrap every data key under a new key-encryption key —
// biometric templates (the person's id as AAD) and TOTP secrets (the user's id as AAD).
// Resumable: each batch commits on its own and only rows still under an older version are picked
// up, so a rotation that stops half-way is finished by running it again (no new key is made while
// rows remain under an older one). A row that cannot be unwrapped (altered, moved to another
// subject, or under a key version that is gone) does not stop the rotation: it is skipped, left
// under its old version, and reported (table, id, why). Audited as the system actor.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../access/actor';
import { sealPlaintextTotpSecrets } from '../auth/totp-secrets';
import { EnvelopeError, rewrap, type KeyRing } from './envelope';
import { deleteKek, loadKeyRing, writeKek } from './kek-store';

/** Every table that holds sealed values, and the column whose id is the associated data. */
export const SEALED_TABLES = [
  { table: 'biometric_template', subject: 'person_id', label: 'biometric records' },
  { table: 'user_secret', subject: 'user_id', label: 'TOTP secrets' },
] as const;
export type SealedTable = (typeof SEALED_TABLES)[number]['table'];

export type KeyStatus = {
  dir: string; current: number; versionsOnDisk: number[];
  /** sealed rows of every table by the key version that wraps their data key */
  rowsByVersion: Record<string, number>;
  byTable: Record<SealedTable, Record<string, number>>;
};

export async function keyStatus(db: Kysely<Database>, dir: string): Promise<KeyStatus> {
  const ring = loadKeyRing(dir, { create: false });
  const rowsByVersion: Record<string, number> = {};
  const byTable = {} as KeyStatus['byTable'];
  for (const { table } of SEALED_TABLES) {
    const rows = await (db as Kysely<any>).selectFrom(table).select(['kek_version']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy('kek_version').execute();
    byTable[table] = Object.fromEntries(rows.map((r) => [String(r.kek_version), Number(r.n)]));
    for (const r of rows) rowsByVersion[String(r.kek_version)] = (rowsByVersion[String(r.kek_version)] ?? 0) + Number(r.n);
  }
  return { dir, current: ring.current.version, versionsOnDisk: ring.versions, rowsByVersion, byTable };
}

const audit = (db: Kysely<Database>, requestId: string, action: string, details: Record<string, unknown>, outcome: 'success' | 'failed' = 'success') =>
  appendAudit(db, { actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action, objectType: 'key', objectId: `kek-v${details.toVersion ?? details.version}`, outcome, requestId, details });

export type UnreadableRow = { table: SealedTable; id: string; reason: string };
export type RotationResult = {
  fromVersions: number[]; toVersion: number; rewrapped: number; resumed: boolean;
  /** rows left under their old key because their data key does not unwrap; empty when the rotation is complete */
  unreadable: UnreadableRow[];
  /** false when stopped early (maxBatches) or rows were unreadable */
  complete: boolean;
};

const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export async function rotateKeys(
  db: Kysely<Database>, dir: string, opts: { requestId: string; batchSize?: number; maxBatches?: number; onBatch?: (done: number) => void },
): Promise<RotationResult> {
  let ring: KeyRing = loadKeyRing(dir, { create: true });
  // Plaintext left from before migration 0008 is sealed first, so it is rotated with the rest.
  await sealPlaintextTotpSecrets(db, () => ring);
  const anyDb = db as Kysely<any>;
  const stale = async () => {
    for (const { table } of SEALED_TABLES) {
      if (await anyDb.selectFrom(table).select('id').where('kek_version', '!=', ring.current.version).limit(1).executeTakeFirst()) return true;
    }
    return false;
  };
  const resumed = await stale();
  if (!resumed) {
    writeKek(dir, ring.current.version + 1);
    ring = loadKeyRing(dir, { create: false });
  }
  const fromVersions = ring.versions.filter((v) => v !== ring.current.version);
  const toVersion = ring.current.version;
  await audit(db, opts.requestId, resumed ? 'keys.rotate.resume' : 'keys.rotate.start', { toVersion, fromVersions });
  const size = opts.batchSize ?? 500;
  let rewrapped = 0;
  let batches = 0;
  const unreadable: UnreadableRow[] = [];
  for (const { table, subject } of SEALED_TABLES) {
    // Keyset order by id: a row skipped as unreadable stays under its old version and is not met again.
    let after = FIRST_UUID;
    for (;;) {
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return { fromVersions, toVersion, rewrapped, resumed, unreadable, complete: false };
      batches++;
      const { seen, done, last } = await anyDb.transaction().execute(async (tx) => {
        const rows: { id: string; subject: string; wrapped_key: Buffer; kek_version: number }[] = await tx.selectFrom(table)
          .select(['id', `${subject} as subject`, 'wrapped_key', 'kek_version'])
          .where('kek_version', '!=', toVersion).where('id', '>', after).orderBy('id').limit(size).forUpdate().skipLocked().execute();
        let n = 0;
        for (const r of rows) {
          let w: { wrappedKey: Buffer; kekVersion: number };
          try {
            w = rewrap(ring, r.subject, { wrappedKey: r.wrapped_key, kekVersion: r.kek_version });
          } catch (e) {
            if (!(e instanceof EnvelopeError)) throw e;
            unreadable.push({ table, id: r.id, reason: `${e.message} (key version ${r.kek_version})` });
            continue;
          }
          await tx.updateTable(table).set({ wrapped_key: w.wrappedKey, kek_version: w.kekVersion })
            .where('id', '=', r.id).where('kek_version', '=', r.kek_version).execute();
          n++;
        }
        return { seen: rows.length, done: n, last: rows.at(-1)?.id as string | undefined };
      });
      rewrapped += done;
      if (done) opts.onBatch?.(rewrapped);
      if (seen === 0 || !last) break;
      after = last;
    }
  }
  // Rows another rotation held locked were passed over too: complete only when nothing is left.
  if (unreadable.length || (await stale())) {
    await audit(db, opts.requestId, 'keys.rotate.incomplete', { toVersion, rewrapped, unreadable: unreadable.length, rows: unreadable.slice(0, 100) }, 'failed');
    return { fromVersions, toVersion, rewrapped, resumed, unreadable, complete: false };
  }
  await audit(db, opts.requestId, 'keys.rotate.complete', { toVersion, rewrapped });
  return { fromVersions, toVersion, rewrapped, resumed, unreadable, complete: true };
}

// Deletes key files that no data key uses any more; refuses while any row still needs one.
export async function retireKeys(db: Kysely<Database>, dir: string, requestId: string): Promise<number[]> {
  const s = await keyStatus(db, dir);
  const old = s.versionsOnDisk.filter((v) => v !== s.current);
  const inUse = old.filter((v) => (s.rowsByVersion[String(v)] ?? 0) > 0);
  if (inUse.length) throw new Error(`key versions ${inUse.join(', ')} still wrap data keys; run \`custodian keys rotate\` to finish first`);
  for (const v of old) deleteKek(dir, v);
  if (old.length) await audit(db, requestId, 'keys.retire', { version: s.current, retired: old });
  return old;
}
