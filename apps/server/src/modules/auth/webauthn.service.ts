import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { WebauthnCredential } from '@custodian/contracts';
import type { Actor } from '../../platform/access/actor';
import { appendAudit } from '../../platform/audit/audit-log';
import { revokeSession, rotateSession } from '../../platform/auth/sessions';
import { storeChallenge, takeChallenge, CHALLENGE_MS } from '../../platform/auth/webauthn-challenge';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import { isLocked, LOGIN_REFUSED, recordFailure, throttleOrRefuse, type AuthDeps } from './login.service';

const RP_NAME = 'Custodian';
const KEY_REFUSED = 'the security key was not accepted; ask for a new challenge and try again';

type Audit = { action: string; outcome: 'success' | 'denied' | 'failed'; details?: Record<string, unknown> };
const audit = (deps: AuthDeps, actor: Actor, requestId: string, a: Audit, db = deps.db) =>
  appendAudit(db, { actorId: actor.id, actor: actor.username, action: a.action, objectType: 'user', objectId: actor.id, outcome: a.outcome, requestId, details: a.details });

const credentialsOf = (deps: AuthDeps, userId: string) =>
  deps.db.selectFrom('webauthn_credential').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

/** Options for adding a key; the user's keys are excluded so one authenticator is registered once. */
export async function registrationOptions(deps: AuthDeps, actor: Actor, requestId: string) {
  const existing = await credentialsOf(deps, actor.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME, rpID: deps.config.webauthnRpId, userName: actor.username, userDisplayName: actor.displayName,
    userID: new TextEncoder().encode(actor.id), attestationType: 'none', timeout: CHALLENGE_MS,
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await deps.db.transaction().execute(async (tx) => {
    await storeChallenge(tx, actor.sessionToken, 'register', options.challenge);
    await audit(deps, actor, requestId, { action: 'auth.webauthn_register_options', outcome: 'success' }, tx);
  });
  return options;
}

/** Verifies a new key against this session's challenge and stores it. */
export async function registerCredential(deps: AuthDeps, actor: Actor, name: string, response: RegistrationResponseJSON, requestId: string): Promise<WebauthnCredential> {
  const { db, config } = deps;
  const challenge = await takeChallenge(db, actor.sessionToken, 'register');
  const refuse = async (reason: string): Promise<never> => {
    await audit(deps, actor, requestId, { action: 'auth.webauthn_register', outcome: 'denied', details: { reason } });
    throw new AppError('validation_failed', KEY_REFUSED, [{ path: 'body.response', message: reason }]);
  };
  if (!challenge) return refuse('no challenge for this session, or it expired or was used');
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response, expectedChallenge: challenge, expectedOrigin: config.webauthnOrigin, expectedRPID: config.webauthnRpId, requireUserVerification: false,
    });
  } catch (err) {
    return refuse((err as Error).message.slice(0, 200));
  }
  if (!verified.verified) return refuse('not verified');
  const cred = verified.registrationInfo.credential;
  const transports = (cred.transports ?? response.response.transports ?? []).map(String);
  const row = await db.transaction().execute(async (tx) => {
    const inserted = await tx.insertInto('webauthn_credential').values({
      id: cred.id, user_id: actor.id, public_key: Buffer.from(cred.publicKey), counter: cred.counter, transports, name,
    }).onConflict((oc) => oc.column('id').doNothing()).returningAll().executeTakeFirst();
    if (!inserted) return null;
    await audit(deps, actor, requestId, { action: 'auth.webauthn_register', outcome: 'success', details: { credentialId: cred.id, name } }, tx);
    return inserted;
  });
  if (!row) {
    await audit(deps, actor, requestId, { action: 'auth.webauthn_register', outcome: 'failed', details: { reason: 'key already registered' } });
    throw conflict('this security key is already registered');
  }
  return toCredential(row);
}

const toCredential = (r: { id: string; name: string; transports: string[]; created_at: Date; last_used_at: Date | null }): WebauthnCredential => ({
  id: r.id, name: r.name, transports: r.transports, createdAt: new Date(r.created_at).toISOString(), lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
});

export async function listCredentials(deps: AuthDeps, actor: Actor) {
  return { items: (await credentialsOf(deps, actor.id)).map(toCredential) };
}

/** Removes one of the caller's own keys; another user's key is answered as not found. */
export async function deleteCredential(deps: AuthDeps, actor: Actor, id: string, requestId: string): Promise<void> {
  const gone = await deps.db.transaction().execute(async (tx) => {
    const del = await tx.deleteFrom('webauthn_credential').where('id', '=', id).where('user_id', '=', actor.id).returning('name').executeTakeFirst();
    if (del) await audit(deps, actor, requestId, { action: 'auth.webauthn_delete', outcome: 'success', details: { credentialId: id, name: del.name } }, tx);
    return !!del;
  });
  if (!gone) {
    await audit(deps, actor, requestId, { action: 'auth.webauthn_delete', outcome: 'failed', details: { reason: 'no such key of this user', credentialId: id.slice(0, 200) } });
    throw notFound('security key');
  }
}

/** Options for the second login step with a key: only the user's own keys are allowed. */
export async function loginOptions(deps: AuthDeps, actor: Actor, requestId: string) {
  const creds = await credentialsOf(deps, actor.id);
  if (creds.length === 0) {
    await audit(deps, actor, requestId, { action: 'auth.second_factor', outcome: 'failed', details: { method: 'webauthn', reason: 'no security key' } });
    throw conflict('no security key is registered for this account; enter the code from your authenticator app');
  }
  const options = await generateAuthenticationOptions({
    rpID: deps.config.webauthnRpId, timeout: CHALLENGE_MS, userVerification: 'preferred',
    allowCredentials: creds.map((c) => ({ id: c.id, transports: c.transports })),
  });
  await deps.db.transaction().execute(async (tx) => {
    await storeChallenge(tx, actor.sessionToken, 'login', options.challenge);
    await audit(deps, actor, requestId, { action: 'auth.webauthn_login_options', outcome: 'success' }, tx);
  });
  return options;
}

/**
 * The second login step with a key. The challenge counts once, the signature counter must move on,
 * and a refused assertion counts towards the same lockout as a wrong password or code.
 */
export async function verifyWebauthnStep(deps: AuthDeps, actor: Actor, response: AuthenticationResponseJSON, requestId: string): Promise<string> {
  const { db, config } = deps;
  await throttleOrRefuse(deps, `totp:${actor.id}`, { actor: actor.username, actorId: actor.id, action: 'auth.second_factor', requestId });
  const deny = async (reason: string, locks: boolean): Promise<never> => {
    const lockedNow = await db.transaction().execute(async (tx) => {
      const l = locks ? await recordFailure(tx, actor.id) : true;
      if (l) await revokeSession(tx, actor.sessionToken);
      await audit(deps, actor, requestId, { action: 'auth.second_factor', outcome: 'denied', details: { method: 'webauthn', reason } }, tx);
      return l;
    });
    if (lockedNow) throw new AppError('unauthenticated', LOGIN_REFUSED);
    throw new AppError('validation_failed', KEY_REFUSED, [{ path: 'body.response', message: reason }]);
  };
  const user = await db.selectFrom('app_user').select('locked_until').where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (isLocked(user)) return deny('locked', false);
  const challenge = await takeChallenge(db, actor.sessionToken, 'login');
  if (!challenge) return deny('no challenge for this session, or it expired or was used', true);
  const cred = await db.selectFrom('webauthn_credential').selectAll().where('id', '=', response.id).where('user_id', '=', actor.id).executeTakeFirst();
  if (!cred) return deny('not a security key of this user', true);
  let info;
  try {
    const v = await verifyAuthenticationResponse({
      response, expectedChallenge: challenge, expectedOrigin: config.webauthnOrigin, expectedRPID: config.webauthnRpId, requireUserVerification: false,
      credential: { id: cred.id, publicKey: new Uint8Array(cred.public_key), counter: Number(cred.counter), transports: cred.transports },
    });
    if (!v.verified) return deny('signature not verified', true);
    info = v.authenticationInfo;
  } catch (err) {
    return deny((err as Error).message.slice(0, 200), true);
  }
  const token = await db.transaction().execute(async (tx) => {
    // The counter is claimed against the value that was checked: a cloned key racing the real one loses.
    const claimed = await tx.updateTable('webauthn_credential').set({ counter: info.newCounter, last_used_at: new Date() })
      .where('id', '=', cred.id).where('counter', '=', cred.counter).returning('id').executeTakeFirst();
    if (!claimed) return null;
    await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_failed_at: null }).where('id', '=', actor.id).execute();
    await audit(deps, actor, requestId, { action: 'auth.second_factor', outcome: 'success', details: { method: 'webauthn', credentialId: cred.id } }, tx);
    return rotateSession(tx, actor.sessionToken, actor.id, config.sessionAbsoluteMs, { secondFactor: true });
  });
  if (token === null) return deny('signature counter already used', true);
  return token;
}
