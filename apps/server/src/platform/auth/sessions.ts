import { createHash, randomBytes } from 'node:crypto';
import type { LoginStep } from '@custodian/contracts';
import type { Db } from '../db/connect';

export const sessionDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

// A session that has not finished every login step lives this long at most.
export const LOGIN_STEP_MS = 10 * 60_000;

export async function createSession(db: Db, userId: string, absoluteMs: number, opts: { secondFactor?: boolean } = {}): Promise<string> {
  // A fresh random id at every login and every login step: an id known before a step is worth nothing after it.
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await db.insertInto('user_session').values({
    id_hash: sessionDigest(token), user_id: userId, created_at: now, last_seen_at: now,
    expires_at: new Date(now.getTime() + absoluteMs), second_factor_at: opts.secondFactor ? now : null,
  }).execute();
  return token;
}

/** Ends this session and opens its successor (a login step passed): the old id stops working at once. */
export async function rotateSession(db: Db, oldToken: string, userId: string, absoluteMs: number, opts: { secondFactor: boolean }): Promise<string> {
  await revokeSession(db, oldToken);
  return createSession(db, userId, absoluteMs, opts);
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('id_hash', '=', sessionDigest(token)).execute();
}

export async function revokeUserSessions(db: Db, userId: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/**
 * The step a session still owes. A second factor comes first when one is enrolled; a one-time
 * password is replaced next; an account without a second factor enrols one before anything else.
 */
export function nextLoginStep(s: { secondFactorDone: boolean; hasSecondFactor: boolean; mustChangePassword: boolean }): LoginStep | null {
  if (s.hasSecondFactor && !s.secondFactorDone) return 'second-factor';
  if (s.mustChangePassword) return 'change-password';
  if (!s.hasSecondFactor) return 'enrol-second-factor';
  return null;
}
