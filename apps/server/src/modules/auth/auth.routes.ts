import { ChangePasswordRequest, LoginRequest, Me, permissionsOf, type Clearance, type Role } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import { appendAudit } from '../../platform/audit/audit-log';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords';
import { createSession, revokeSession, revokeUserSessions } from '../../platform/auth/sessions';
import { requireActor, sessionCookieName } from '../../platform/access/route-access';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/access/actor';

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

const meOf = (a: Pick<Actor, 'id' | 'username' | 'displayName' | 'roles' | 'clearance' | 'permissions' | 'mustChangePassword'>) => ({
  id: a.id, username: a.username, displayName: a.displayName, roles: a.roles, clearance: a.clearance,
  permissions: [...a.permissions].sort(), mustChangePassword: a.mustChangePassword,
});

export const authRoutes = (db: Db, config: Config): FastifyPluginAsyncZod => async (app) => {
  const cookie = sessionCookieName(config);
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookie, token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: config.cookieSecure !== 'false', maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
    });

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], body: LoginRequest, response: { 200: Me } },
    // Rate limited before any password hash is computed, so a flood cannot burn the CPU.
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const { username, password } = req.body;
    const user = await db.selectFrom('app_user').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
    const locked = !!user?.locked_until && new Date(user.locked_until) > new Date();
    // Verify even for unknown or locked users: the answer and its timing must not reveal which.
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || locked || user.disabled) {
      await db.transaction().execute(async (tx) => {
        if (user && !ok) {
          const failures = user.failed_logins + 1;
          await tx.updateTable('app_user').set({ failed_logins: failures, locked_until: failures >= MAX_FAILURES ? new Date(Date.now() + LOCK_MS) : user.locked_until }).where('id', '=', user.id).execute();
        }
        await appendAudit(tx, { actorId: user?.id ?? null, actor: username.slice(0, 100), action: 'auth.login', objectType: 'user', objectId: user?.id ?? null, outcome: 'denied', requestId: req.id, details: { reason: !user ? 'unknown user' : locked ? 'locked' : user.disabled ? 'disabled' : 'wrong password' } });
      });
      throw new AppError('unauthenticated', 'wrong user name or password, or the account is locked');
    }
    const token = await db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
      await appendAudit(tx, { actorId: user.id, actor: user.username, action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'success', requestId: req.id });
      return createSession(tx, user.id, config.sessionAbsoluteMs);
    });
    setCookie(reply, token);
    return meOf({ id: user.id, username: user.username, displayName: user.display_name, roles: user.roles as Role[], clearance: user.clearance as Clearance, permissions: permissionsOf(user.roles as Role[]), mustChangePassword: user.must_change_password });
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], response: { 204: z.null() } },
    config: { access: 'authenticated', allowDuringPasswordChange: true },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await db.transaction().execute(async (tx) => {
      await revokeSession(tx, actor.sessionToken);
      await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.logout', objectType: 'user', objectId: actor.id, outcome: 'success', requestId: req.id });
    });
    void reply.clearCookie(cookie, { path: '/' }).code(204);
    return null;
  });

  app.get('/api/auth/me', {
    schema: { tags: ['auth'], response: { 200: Me } },
    config: { access: 'authenticated', allowDuringPasswordChange: true },
  }, (req) => meOf(requireActor(req)));

  app.post('/api/auth/password', {
    schema: { tags: ['auth'], body: ChangePasswordRequest, response: { 200: Me } },
    config: { access: 'authenticated', allowDuringPasswordChange: true },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const user = await db.selectFrom('app_user').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, req.body.currentPassword))) {
      throw new AppError('validation_failed', 'the current password is wrong', [{ path: 'body.currentPassword', message: 'wrong password' }]);
    }
    if (req.body.currentPassword === req.body.newPassword) {
      throw new AppError('validation_failed', 'choose a new password', [{ path: 'body.newPassword', message: 'same as the current one' }]);
    }
    const hash = await hashPassword(req.body.newPassword);
    // Every other session of this user ends; this one is replaced by a fresh id.
    const token = await db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ password_hash: hash, must_change_password: false }).where('id', '=', actor.id).execute();
      await revokeUserSessions(tx, actor.id);
      await appendAudit(tx, { actorId: actor.id, actor: actor.username, action: 'auth.password_change', objectType: 'user', objectId: actor.id, outcome: 'success', requestId: req.id });
      return createSession(tx, actor.id, config.sessionAbsoluteMs);
    });
    setCookie(reply, token);
    return meOf({ ...actor, mustChangePassword: false });
  });
};
