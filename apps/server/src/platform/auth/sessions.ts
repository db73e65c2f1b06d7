import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';

export const sessionDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: string, absoluteMs: number): Promise<string> {
  // A fresh random id at every login: a session id known before login is worth nothing after it.
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await db.insertInto('user_session').values({
    id_hash: sessionDigest(token), user_id: userId, created_at: now, last_seen_at: now,
    expires_at: new Date(now.getTime() + absoluteMs),
  }).execute();
  return token;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('id_hash', '=', sessionDigest(token)).execute();
}

export async function revokeUserSessions(db: Db, userId: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
