// `custodian keys rotate|status|retire`: re-wrap every data key under a new key-encryption key.
// Resumable: each batch commits on its own and only rows still under an older version are
// picked up, so a rotation that stops half-way is finished by running it again (no new key is
// made while rows remain under an older one). Audited as the system actor.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../access/actor';
import { rewrap, type KeyRing } from './envelope';
import { deleteKek, loadKeyRing, writeKek } from './kek-store';

export type KeyStatus = { dir: string; current: number; versionsOnDisk: number[]; rowsByVersion: Record<string, number> };

export async function keyStatus(db: Kysely<Database>, dir: string): Promise<KeyStatus> {
  const ring = loadKeyRing(dir, { create: false });
  const rows = await db.selectFrom('biometric_template').select(['kek_version']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy('kek_version').execute();
  return { dir, current: ring.current.version, versionsOnDisk: ring.versions, rowsByVersion: Object.fromEntries(rows.map((r) => [String(r.kek_version), Number(r.n)])) };
}

const audit = (db: Kysely<Database>, requestId: string, action: string, details: Record<string, unknown>) =>
  appendAudit(db, { actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action, objectType: 'key', objectId: `kek-v${details.toVersion ?? details.version}`, outcome: 'success', requestId, details });

export type RotationResult = { fromVersions: number[]; toVersion: number; rewrapped: number; resumed: boolean };

export async function rotateKeys(
  db: Kysely<Database>, dir: string, opts: { requestId: string; batchSize?: number; maxBatches?: number; onBatch?: (done: number) => void } ,
): Promise<RotationResult> {
  let ring: KeyRing = loadKeyRing(dir, { create: true });
  const stale = async () => (await db.selectFrom('biometric_template').select('id').where('kek_version', '!=', ring.current.version).limit(1).executeTakeFirst()) !== undefined;
  const resumed = await stale();
  if (!resumed) {
    writeKek(dir, ring.current.version + 1);
    ring = loadKeyRing(dir, { create: false });
  }
  const fromVersions = ring.versions.filter((v) => v !== ring.current.version);
  await audit(db, opts.requestId, resumed ? 'keys.rotate.resume' : 'keys.rotate.start', { toVersion: ring.current.version, fromVersions });
  const size = opts.batchSize ?? 500;
  let rewrapped = 0;
  for (let batch = 0; opts.maxBatches === undefined || batch < opts.maxBatches; batch++) {
    const done = await db.transaction().execute(async (tx) => {
      const rows = await tx.selectFrom('biometric_template').select(['id', 'person_id', 'wrapped_key', 'kek_version'])
        .where('kek_version', '!=', ring.current.version).orderBy('id').limit(size).forUpdate().skipLocked().execute();
      for (const r of rows) {
        const w = rewrap(ring, r.person_id, { wrappedKey: r.wrapped_key, kekVersion: r.kek_version });
        await tx.updateTable('biometric_template').set({ wrapped_key: w.wrappedKey, kek_version: w.kekVersion })
          .where('id', '=', r.id).where('kek_version', '=', r.kek_version).execute();
      }
      return rows.length;
    });
    if (done === 0) {
      await audit(db, opts.requestId, 'keys.rotate.complete', { toVersion: ring.current.version, rewrapped });
      return { fromVersions, toVersion: ring.current.version, rewrapped, resumed };
    }
    rewrapped += done;
    opts.onBatch?.(rewrapped);
  }
  return { fromVersions, toVersion: ring.current.version, rewrapped, resumed }; // stopped early (maxBatches): resumable
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
