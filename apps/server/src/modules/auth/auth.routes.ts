import {
  ChangePasswordRequest, LoginRequest, LoginStep, Me, TotpCode, TotpSetup,
  WebauthnAssertion, WebauthnCredential, WebauthnCredentialList, WebauthnOptions, WebauthnRegistration,
} from '@custodian/contracts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import { appendAudit } from '../../platform/audit/audit-log';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { FailurePacer, LoginThrottle } from '../../platform/auth/login-throttle';
import { revokeSession, rotateSession } from '../../platform/auth/sessions';
import { requireActor, sessionCookieName } from '../../platform/access/route-access';
import { AppError } from '../../platform/http/errors';
import { keyRingFor } from '../../platform/crypto/key-ring';
import { meForUser, meOf } from './me';
import { passwordStep, throttleOrRefuse, type AuthDeps } from './login.service';
import { confirmTotpEnrolment, startTotpEnrolment, verifyTotpStep } from './totp.service';
import { deleteCredential, listCredentials, loginOptions, registerCredential, registrationOptions, verifyWebauthnStep } from './webauthn.service';

const ANY_STEP = LoginStep.options;

export const authRoutes = (db: Db, config: Config): FastifyPluginAsyncZod => async (app) => {
  const deps: AuthDeps = {
    db, config, throttle: new LoginThrottle(config.loginPerUserPerMinute, 60_000), pacer: new FailurePacer(),
    keys: keyRingFor(config.biometricKekDir, 'the key store for second factors'),
  };
  // Per address, in the onRequest hook: refused before the body is read, let alone a hash computed.
  const rateLimit = { max: config.loginPerIpPerMinute, timeWindow: '1 minute' };
  const cookie = sessionCookieName(config);
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookie, token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: config.cookieSecure !== 'false', maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
    });

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], body: LoginRequest, response: { 200: Me } },
    config: { access: 'public', rateLimit },
  }, async (req, reply) => {
    const { token, userId } = await passwordStep(deps, req.body.username, req.body.password, req.id);
    // A session cookie the browser already had is ended: the new login gets a new id.
    const previous = req.cookies?.[cookie];
    if (previous) await revokeSession(db, previous);
    setCookie(reply, token);
    return meForUser(db, userId, false);
  });

  app.post('/api/auth/totp/verify', {
    schema: { tags: ['auth'], body: TotpCode, response: { 200: Me } },
    config: { access: 'authenticated', loginSteps: ['second-factor'], rateLimit },
  }, async (req, reply) => {
    const actor = requireActor(req);
    setCookie(reply, await verifyTotpStep(deps, actor, req.body.code, req.id));
    return meForUser(db, actor.id, true);
  });

  app.post('/api/auth/totp/setup', {
    schema: { tags: ['auth'], response: { 200: TotpSetup } },
    config: { access: 'authenticated', loginSteps: ['enrol-second-factor'], rateLimit },
  }, async (req) => startTotpEnrolment(deps, requireActor(req), req.id));

  app.post('/api/auth/totp/confirm', {
    schema: { tags: ['auth'], body: TotpCode, response: { 200: Me } },
    config: { access: 'authenticated', loginSteps: ['enrol-second-factor'], rateLimit },
  }, async (req, reply) => {
    const actor = requireActor(req);
    setCookie(reply, await confirmTotpEnrolment(deps, actor, req.body.code, req.id));
    return meForUser(db, actor.id, true);
  });

  // Security keys (WebAuthn): added and removed by a signed-in user; used instead of a TOTP code at the second step.
  app.post('/api/auth/webauthn/register/options', {
    schema: { tags: ['auth'], response: { 200: WebauthnOptions } },
    config: { access: 'authenticated', rateLimit },
  }, async (req) => ({ ...(await registrationOptions(deps, requireActor(req), req.id)) }));

  app.post('/api/auth/webauthn/register', {
    schema: { tags: ['auth'], body: WebauthnRegistration, response: { 201: WebauthnCredential } },
    config: { access: 'authenticated', rateLimit },
  }, async (req, reply) => {
    const created = await registerCredential(deps, requireActor(req), req.body.name, req.body.response as RegistrationResponseJSON, req.id);
    void reply.code(201);
    return created;
  });

  app.get('/api/auth/webauthn/credentials', {
    schema: { tags: ['auth'], response: { 200: WebauthnCredentialList } },
    config: { access: 'authenticated' },
  }, async (req) => listCredentials(deps, requireActor(req)));

  app.delete('/api/auth/webauthn/credentials/:id', {
    schema: { tags: ['auth'], params: z.object({ id: z.string().min(1).max(1024).regex(/^[A-Za-z0-9_-]+$/, 'a credential id (base64url)') }), response: { 204: z.null() } },
    config: { access: 'authenticated' },
  }, async (req, reply) => {
    await deleteCredential(deps, requireActor(req), req.params.id, req.id);
    void reply.code(204);
    return null;
  });

  app.post('/api/auth/webauthn/login/options', {
    schema: { tags: ['auth'], response: { 200: WebauthnOptions } },
    config: { access: 'authenticated', loginSteps: ['second-factor'], rateLimit },
  }, async (req) => ({ ...(await loginOptions(deps, requireActor(req), req.id)) }));

  app.post('/api/auth/webauthn/login', {
    schema: { tags: ['auth'], body: WebauthnAssertion, response: { 200: Me } },
    config: { access: 'authenticated', loginSteps: ['second-factor'], rateLimit },
  }, async (req, reply) => {
    const actor = requireActor(req);
    setCookie(reply, await verifyWebauthnStep(deps, actor, req.body.response as AuthenticationResponseJSON, req.id));
    return meForUser(db, actor.id, true);
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], response: { 204: z.null() } },
    config: { access: 'authenticated', loginSteps: ANY_STEP },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await db.transaction().execute(async (tx) => {
      await revokeSession(tx, actor.sessionToken);
      await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.logout', objectType: 'user', objectId: actor.id, outcome: 'success', requestId: req.id });
    });
    void reply.clearCookie(cookie, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.cookieSecure !== 'false' }).code(204);
    return null;
  });

  app.get('/api/auth/me', {
    schema: { tags: ['auth'], response: { 200: Me } },
    config: { access: 'authenticated', loginSteps: ANY_STEP },
  }, (req) => meOf(requireActor(req)));

  app.post('/api/auth/password', {
    schema: { tags: ['auth'], body: ChangePasswordRequest, response: { 200: Me } },
    config: { access: 'authenticated', loginSteps: ['change-password'], rateLimit },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await throttleOrRefuse(deps, `password:${actor.id}`, { actor: actor.username, actorId: actor.id, action: 'auth.password_change', requestId: req.id });
    const user = await db.selectFrom('app_user').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, req.body.currentPassword))) {
      await appendAudit(db, { actorId: actor.id, actor: actor.username, action: 'auth.password_change', objectType: 'user', objectId: actor.id, outcome: 'denied', requestId: req.id, details: { reason: 'wrong current password' } });
      throw new AppError('validation_failed', 'the current password is wrong', [{ path: 'body.currentPassword', message: 'wrong password' }]);
    }
    if (req.body.currentPassword === req.body.newPassword) {
      throw new AppError('validation_failed', 'choose a new password', [{ path: 'body.newPassword', message: 'same as the current one' }]);
    }
    const hash = await hashPassword(req.body.newPassword);
    // Reaching this route with a second factor enrolled means this session passed it.
    const secondFactor = actor.secondFactors.totp || actor.secondFactors.passkeys > 0;
    // Every other session of this user ends; this one is replaced by a fresh id.
    const token = await db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ password_hash: hash, must_change_password: false }).where('id', '=', actor.id).execute();
      await tx.updateTable('user_session').set({ revoked_at: new Date() }).where('user_id', '=', actor.id).where('revoked_at', 'is', null).execute();
      await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.password_change', objectType: 'user', objectId: actor.id, outcome: 'success', requestId: req.id });
      return rotateSession(tx, actor.sessionToken, actor.id, config.sessionAbsoluteMs, { secondFactor });
    });
    setCookie(reply, token);
    return meForUser(db, actor.id, secondFactor);
  });
};
