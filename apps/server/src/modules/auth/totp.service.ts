import type { Actor } from '../../platform/access/actor';
import { appendAudit } from '../../platform/audit/audit-log';
import { checkTotp, newTotpSecret, totpSetup } from '../../platform/auth/totp';
import { promotePendingTotp, readTotpSecret, storeTotpSecret } from '../../platform/auth/totp-secrets';
import { revokeSession, rotateSession } from '../../platform/auth/sessions';
import { AppError, conflict } from '../../platform/http/errors';
import { isLocked, LOGIN_REFUSED, recordFailure, throttleOrRefuse, type AuthDeps } from './login.service';

const WRONG_CODE = 'the code is wrong or was already used; wait for the next one';

/** Starts enrolment: a new secret waits in the account until a code from it is confirmed. */
export async function startTotpEnrolment(deps: AuthDeps, actor: Actor, requestId: string) {
  const secret = newTotpSecret();
  const ring = deps.keys();
  await deps.db.transaction().execute(async (tx) => {
    await storeTotpSecret(tx, ring, actor.id, 'totp_pending', secret);
    await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.totp_setup', objectType: 'user', objectId: actor.id, outcome: 'success', requestId });
  });
  return totpSetup(secret, actor.username);
}

/** Confirms enrolment with a code from the new secret; the session then counts as second-factor verified, under a new id. */
export async function confirmTotpEnrolment(deps: AuthDeps, actor: Actor, code: string, requestId: string): Promise<string> {
  const { db, config } = deps;
  await throttleOrRefuse(deps, `totp:${actor.id}`, { actor: actor.username, actorId: actor.id, action: 'auth.totp_enrol', requestId });
  const pending = await readTotpSecret(db, deps.keys(), actor.id, 'totp_pending');
  if (!pending) throw conflict('no enrolment in progress; start with POST /api/auth/totp/setup');
  const step = await checkTotp(pending, code, null);
  if (step === null) {
    await appendAudit(db, { actorId: actor.id, actor: actor.username, action: 'auth.totp_enrol', objectType: 'user', objectId: actor.id, outcome: 'denied', requestId, details: { reason: 'wrong code' } });
    throw new AppError('validation_failed', 'that code does not match the new secret; check the app and the clock', [{ path: 'body.code', message: 'wrong code' }]);
  }
  return db.transaction().execute(async (tx) => {
    if (!(await promotePendingTotp(tx, actor.id))) throw conflict('the enrolment was replaced by a newer one; start again');
    await tx.updateTable('app_user').set({
      totp_enrolled_at: new Date(), totp_last_step: step,
      failed_logins: 0, locked_until: null, last_failed_at: null,
    }).where('id', '=', actor.id).execute();
    await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.totp_enrol', objectType: 'user', objectId: actor.id, outcome: 'success', requestId });
    return rotateSession(tx, actor.sessionToken, actor.id, config.sessionAbsoluteMs, { secondFactor: true });
  });
}

/** The second login step. A code counts once; wrong codes count towards the same lockout as wrong passwords. */
export async function verifyTotpStep(deps: AuthDeps, actor: Actor, code: string, requestId: string): Promise<string> {
  const { db, config } = deps;
  await throttleOrRefuse(deps, `totp:${actor.id}`, { actor: actor.username, actorId: actor.id, action: 'auth.second_factor', requestId });
  const user = await db.selectFrom('app_user').select(['totp_last_step', 'locked_until']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  const deny = async (reason: string, locks: boolean) => {
    const lockedNow = await db.transaction().execute(async (tx) => {
      const l = locks ? await recordFailure(tx, actor.id) : true;
      if (l) await revokeSession(tx, actor.sessionToken);
      await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.second_factor', objectType: 'user', objectId: actor.id, outcome: 'denied', requestId, details: { method: 'totp', reason } });
      return l;
    });
    if (lockedNow) throw new AppError('unauthenticated', LOGIN_REFUSED);
    throw new AppError('validation_failed', WRONG_CODE, [{ path: 'body.code', message: 'wrong or used code' }]);
  };
  if (isLocked(user)) return deny('locked', false);
  const secret = await readTotpSecret(db, deps.keys(), actor.id, 'totp');
  if (!secret) throw conflict('no authenticator app is enrolled for this account; use your passkey');
  const last = user.totp_last_step === null ? null : Number(user.totp_last_step);
  const step = await checkTotp(secret, code, last);
  if (step === null) return deny(last !== null && (await checkTotp(secret, code, null)) !== null ? 'code reused' : 'wrong code', true);
  const token = await db.transaction().execute(async (tx) => {
    // Claim the step in the same statement that checks it: two requests racing with one code, one wins.
    const claimed = await tx.updateTable('app_user')
      .set({ totp_last_step: step, failed_logins: 0, locked_until: null, last_failed_at: null })
      .where('id', '=', actor.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .returning('id').executeTakeFirst();
    if (!claimed) return null;
    await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.second_factor', objectType: 'user', objectId: actor.id, outcome: 'success', requestId, details: { method: 'totp' } });
    return rotateSession(tx, actor.sessionToken, actor.id, config.sessionAbsoluteMs, { secondFactor: true });
  });
  if (token === null) return deny('code reused', true);
  return token;
}
