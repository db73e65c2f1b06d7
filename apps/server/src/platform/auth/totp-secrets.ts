// TOTP secrets at rest: sealed per user under envelope encryption (platform/crypto/envelope.ts),
// the user's id as associated data, the key-encryption keys in BIOMETRIC_KEK_DIR (the one key
// ring for everything sealed; `custodian keys rotate` re-wraps these too). Nothing else reads or
// writes table user_secret's ciphertext.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../access/actor';
import { open, seal, type KeyRing } from '../crypto/envelope';

export const TOTP_PURPOSE = 'totp-secret';
export type TotpKind = 'totp' | 'totp_pending';

export async function storeTotpSecret(tx: Kysely<Database>, ring: KeyRing, userId: string, kind: TotpKind, secret: string): Promise<void> {
  const s = seal(ring, userId, Buffer.from(secret, 'utf8'), TOTP_PURPOSE);
  await tx.deleteFrom('user_secret').where('user_id', '=', userId).where('kind', '=', kind).execute();
  await tx.insertInto('user_secret').values({ id: randomUUID(), user_id: userId, kind, ciphertext: s.ciphertext, wrapped_key: s.wrappedKey, kek_version: s.kekVersion }).execute();
}

/** The secret, or null when none of that kind is stored. The user id comes from the caller (the session), not the row. */
export async function readTotpSecret(db: Kysely<Database>, ring: KeyRing, userId: string, kind: TotpKind): Promise<string | null> {
  const r = await db.selectFrom('user_secret').select(['ciphertext', 'wrapped_key', 'kek_version']).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
  if (!r) return null;
  return open(ring, userId, { ciphertext: r.ciphertext, wrappedKey: r.wrapped_key, kekVersion: r.kek_version }, TOTP_PURPOSE).toString('utf8');
}

/** The pending secret becomes the enrolled one (the sealed value is the same; only its kind changes). */
export async function promotePendingTotp(tx: Kysely<Database>, userId: string): Promise<boolean> {
  await tx.deleteFrom('user_secret').where('user_id', '=', userId).where('kind', '=', 'totp').execute();
  const r = await tx.updateTable('user_secret').set({ kind: 'totp' }).where('user_id', '=', userId).where('kind', '=', 'totp_pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTotpSecrets(tx: Kysely<Database>, userId: string): Promise<void> {
  await tx.deleteFrom('user_secret').where('user_id', '=', userId).execute();
  await tx.updateTable('app_user').set({ totp_secret: null, totp_pending_secret: null }).where('id', '=', userId).execute();
}

const hasPlaintext = (db: Kysely<Database>) => db.selectFrom('app_user').select(['id', 'totp_secret', 'totp_pending_secret'])
  .where((eb) => eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)]));

/**
 * The upgrade from before migration 0008: every plaintext TOTP secret is sealed into user_secret
 * and its column emptied, each user in one transaction (audited as the system actor). Run at
 * start (buildApp), by `custodian migrate` and before a key rotation; a no-op once done. The key
 * ring is only asked for when there is something to seal.
 */
export async function sealPlaintextTotpSecrets(db: Kysely<Database>, ring: () => KeyRing): Promise<number> {
  const rows = await hasPlaintext(db).execute();
  if (rows.length === 0) return 0;
  const keys = ring();
  for (const r of rows) {
    await db.transaction().execute(async (tx) => {
      // Re-read under a lock: another process may have sealed this one already.
      const u = await hasPlaintext(tx).where('id', '=', r.id).forUpdate().executeTakeFirst();
      if (!u) return;
      if (u.totp_secret) await storeTotpSecret(tx, keys, u.id, 'totp', u.totp_secret);
      if (u.totp_pending_secret) await storeTotpSecret(tx, keys, u.id, 'totp_pending', u.totp_pending_secret);
      await tx.updateTable('app_user').set({ totp_secret: null, totp_pending_secret: null }).where('id', '=', u.id).execute();
    });
  }
  await appendAudit(db, { actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action: 'keys.totp_sealed', objectType: 'key', objectId: `kek-v${keys.current.version}`, outcome: 'success', requestId: `upgrade-${process.pid}`, details: { users: rows.length } });
  return rows.length;
}
