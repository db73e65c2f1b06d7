import { sql } from 'kysely';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import type { Database } from '../../platform/db/schema';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../platform/audit/audit-log';
import { verifyPassword } from '../../platform/auth/passwords';
import { createSession } from '../../platform/auth/sessions';
import type { FailurePacer, LoginThrottle } from '../../platform/auth/login-throttle';
import { AppError } from '../../platform/http/errors';
import type { KeyRing } from '../../platform/crypto/envelope';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const LOGIN_REFUSED = 'wrong user name or password, or the account is locked';

/** `keys`: the key ring that seals TOTP secrets (platform/auth/totp-secrets.ts). */
export type AuthDeps = { db: Db; config: Config; throttle: LoginThrottle; pacer: FailurePacer; keys: () => KeyRing };

/**
 * Counts one failed password or code against the user: failures older than the window are
 * forgotten, the fifth within it locks the account. One statement, so concurrent guesses all count.
 */
export async function recordFailure(tx: Kysely<Database>, userId: string): Promise<boolean> {
  const windowStart = new Date(Date.now() - FAILURE_WINDOW_MS);
  const inWindow = sql<boolean>`last_failed_at is not null and last_failed_at > ${windowStart}`;
  const row = await tx.updateTable('app_user')
    .set({
      failed_logins: sql<number>`case when ${inWindow} then failed_logins + 1 else 1 end`,
      locked_until: sql<Date | null>`case when (case when ${inWindow} then failed_logins + 1 else 1 end) >= ${MAX_FAILURES} then ${new Date(Date.now() + LOCK_MS)}::timestamptz else locked_until end`,
      last_failed_at: new Date(),
    })
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins >= MAX_FAILURES;
}

export const isLocked = (u: { locked_until: Date | null }): boolean => !!u.locked_until && new Date(u.locked_until) > new Date();

/** The throttle by user name, checked before any hash: the same for names that exist and names that do not. */
export async function throttleOrRefuse(deps: AuthDeps, key: string, audit: { actor: string; actorId: string | null; action: string; requestId: string }): Promise<void> {
  if (deps.throttle.take(key)) return;
  await appendAudit(deps.db, { actorId: audit.actorId, actor: audit.actor.slice(0, 100), action: audit.action, objectType: 'user', objectId: audit.actorId, outcome: 'denied', requestId: audit.requestId, details: { reason: 'rate limited' } });
  throw new AppError('rate_limited', 'too many sign-in attempts for this account; wait a minute');
}

/** The password step. Unknown, locked, disabled and wrong-password answers are identical and cost the same. */
export async function passwordStep(deps: AuthDeps, username: string, password: string, requestId: string): Promise<{ token: string; userId: string }> {
  const { db, config } = deps;
  const startedAt = performance.now();
  const name = username.toLowerCase();
  await throttleOrRefuse(deps, `login:${name}`, { actor: username, actorId: null, action: 'auth.login', requestId });
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', name).executeTakeFirst();
  const locked = !!user && isLocked(user);
  // Verify even for unknown or locked users (a dummy hash when unknown): the timing must not tell them apart.
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok || locked || user.disabled) {
    await db.transaction().execute(async (tx) => {
      if (user && !ok) await recordFailure(tx, user.id);
      await appendAudit(tx, { actorId: user?.id ?? null, actor: username.slice(0, 100), action: 'auth.login', objectType: 'user', objectId: user?.id ?? null, outcome: 'denied', requestId, details: { reason: !user ? 'unknown user' : locked ? 'locked' : user.disabled ? 'disabled' : 'wrong password' } });
    });
    // A known user's failure also writes the lockout counter: pad, so the clock cannot tell them apart.
    await deps.pacer.pace(startedAt);
    throw new AppError('unauthenticated', LOGIN_REFUSED);
  }
  const token = await db.transaction().execute(async (tx) => {
    // Failures are not forgiven yet: only a completed second factor clears them, or a known
    // password would buy unlimited guesses at the code.
    await appendAudit(tx, { actorId: user.id, actor: user.username, action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'success', requestId, details: { step: 'password' } });
    return createSession(tx, user.id, config.sessionAbsoluteMs);
  });
  return { token, userId: user.id };
}
