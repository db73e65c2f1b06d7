import { randomUUID } from 'node:crypto';
import { clearanceRank, type Clearance, type Role } from '@custodian/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { appendAudit } from '../../platform/audit/audit-log';
import { hashPassword } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/sessions';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import type { Ctx } from '../../platform/http/context';

export type NewUser = { username: string; displayName: string; roles: Role[]; clearance: Clearance; password: string; mustChangePassword?: boolean };

export async function createUser(tx: Kysely<Database>, ctx: Ctx, u: NewUser) {
  // An administrator cannot mint a clearance above their own.
  if (clearanceRank(u.clearance) > clearanceRank(ctx.actor.clearance)) {
    throw new AppError('forbidden', 'you cannot grant a clearance above your own');
  }
  const id = randomUUID();
  const exists = await tx.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst();
  if (exists) throw conflict(`the user name ${u.username} is taken`);
  await tx.insertInto('app_user').values({
    id, username: u.username, display_name: u.displayName, password_hash: await hashPassword(u.password), roles: u.roles,
    clearance: u.clearance, must_change_password: u.mustChangePassword ?? true, disabled: false, locked_until: null,
  }).execute();
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.create', objectType: 'user', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { username: u.username, roles: u.roles, clearance: u.clearance } });
  return { id, username: u.username, displayName: u.displayName, roles: u.roles, clearance: u.clearance, disabled: false };
}

export async function setUserDisabled(tx: Kysely<Database>, ctx: Ctx, id: string, disabled: boolean) {
  const row = await tx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('the user');
  if (id === ctx.actor.id) throw new AppError('forbidden', 'you cannot disable your own account');
  await tx.updateTable('app_user').set({ disabled, version: row.version + 1 }).where('id', '=', id).execute();
  // Disabling ends every session at once, not at the next idle timeout.
  if (disabled) await revokeUserSessions(tx, id);
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: disabled ? 'user.disable' : 'user.enable', objectType: 'user', objectId: id, outcome: 'success', requestId: ctx.requestId });
  return { id, username: row.username, displayName: row.display_name, roles: row.roles as Role[], clearance: row.clearance as Clearance, disabled };
}
