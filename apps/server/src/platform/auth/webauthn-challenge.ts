import { sessionDigest } from './sessions';
import type { Db } from '../db/connect';

// A WebAuthn challenge lives in its session's row as `<purpose>:<expires-at ms>:<challenge>`: one at
// a time per session, for one purpose, until it expires or is used once (right or wrong).
export type ChallengePurpose = 'register' | 'login';
export const CHALLENGE_MS = 5 * 60_000;

export async function storeChallenge(db: Db, sessionToken: string, purpose: ChallengePurpose, challenge: string, now = Date.now()): Promise<void> {
  await db.updateTable('user_session').set({ webauthn_challenge: `${purpose}:${now + CHALLENGE_MS}:${challenge}` })
    .where('id_hash', '=', sessionDigest(sessionToken)).execute();
}

/**
 * Takes the session's challenge for this purpose and clears it in the same step: of two requests
 * racing with one challenge, one gets it. Null when there is none, it is for another purpose, or it expired.
 */
export async function takeChallenge(db: Db, sessionToken: string, purpose: ChallengePurpose, now = Date.now()): Promise<string | null> {
  const row = await db.selectFrom('user_session').select('webauthn_challenge').where('id_hash', '=', sessionDigest(sessionToken)).executeTakeFirst();
  const stored = row?.webauthn_challenge;
  if (!stored) return null;
  const taken = await db.updateTable('user_session').set({ webauthn_challenge: null })
    .where('id_hash', '=', sessionDigest(sessionToken)).where('webauthn_challenge', '=', stored).returning('id_hash').executeTakeFirst();
  if (!taken) return null;
  const [p, expires, challenge] = stored.split(':');
  if (p !== purpose || !challenge || !(Number(expires) > now)) return null;
  return challenge;
}
