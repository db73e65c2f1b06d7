import { randomUUID } from 'node:crypto';
import { Clearance as ClearanceSchema, clearanceRank, knownRoles, Role as RoleSchema, type Clearance, type Role, type User } from '@custodian/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { appendAudit } from '../../platform/audit/audit-log';
import { hashPassword, oneTimePassword } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/sessions';
import { deleteTotpSecrets } from '../../platform/auth/totp-secrets';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors';
import type { Ctx } from '../../platform/http/context';
import { requestClearanceGrant } from './clearance-grant.service';

type Tx = Kysely<Database>;
export type NewUser = { username: string; displayName: string; roles: Role[]; clearance: Clearance; password: string; mustChangePassword?: boolean };

// The grant that needs a second administrator (two-person rule): at SECRET a mistake exposes the most.
export const TWO_PERSON_CLEARANCE: Clearance = 'SECRET';

function assertWithinOwn(ctx: Ctx, clearance: Clearance): void {
  // An administrator cannot mint a clearance above their own.
  if (clearanceRank(clearance) > clearanceRank(ctx.actor.clearance)) throw new AppError('forbidden', 'you cannot grant a clearance above your own');
}

// The API validates these with zod; the system path (CLI, bootstrap, scripts) is checked here, so a
// typo never stores an account that cannot sign in.
function assertKnownRolesAndClearance(u: Pick<NewUser, 'roles' | 'clearance'>): void {
  const errors = [
    ...(u.roles.length === 0 ? [{ path: 'roles', message: 'at least one role is required' }] : []),
    ...u.roles.flatMap((r, i) => RoleSchema.safeParse(r).success ? [] : [{ path: `roles.${i}`, message: `unknown role ${JSON.stringify(r)}; roles are ${RoleSchema.options.join(', ')}` }]),
    ...(ClearanceSchema.safeParse(u.clearance).success ? [] : [{ path: 'clearance', message: `unknown clearance ${JSON.stringify(u.clearance)}; clearances are ${ClearanceSchema.options.join(', ')}` }]),
  ];
  if (errors.length) throw invalid('the account was not created', errors);
}

/** The system path (first administrator, CLI, tests): no two-person rule, still audited. */
export async function createUser(tx: Tx, ctx: Ctx, u: NewUser) {
  assertKnownRolesAndClearance(u);
  assertWithinOwn(ctx, u.clearance);
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

/**
 * An administrator creates an account with a one-time password (theirs or generated, shown once).
 * A SECRET clearance starts as CONFIDENTIAL with a grant that another administrator must approve.
 */
export async function createUserByAdmin(tx: Tx, ctx: Ctx, u: Omit<NewUser, 'password' | 'mustChangePassword'> & { password?: string }) {
  assertWithinOwn(ctx, u.clearance);
  const twoPerson = u.clearance === TWO_PERSON_CLEARANCE;
  const password = u.password ?? oneTimePassword();
  const created = await createUser(tx, ctx, { ...u, clearance: twoPerson ? 'CONFIDENTIAL' : u.clearance, password, mustChangePassword: true });
  if (twoPerson) await requestClearanceGrant(tx, ctx, created.id, u.clearance);
  return { ...(await userView(tx, created.id)), ...(u.password ? {} : { oneTimePassword: password }) };
}

export async function userView(tx: Tx, id: string): Promise<User> {
  const rows = await listUsers(tx, id);
  if (!rows[0]) throw notFound('the user');
  return rows[0];
}

export async function listUsers(tx: Tx, onlyId?: string): Promise<User[]> {
  let q = tx.selectFrom('app_user').selectAll('app_user')
    .select((eb) => [
      eb.selectFrom('webauthn_credential').select(eb.fn.countAll<string>().as('n')).whereRef('webauthn_credential.user_id', '=', 'app_user.id').as('passkeys'),
      eb.selectFrom('clearance_grant').select('clearance_grant.clearance').whereRef('clearance_grant.user_id', '=', 'app_user.id').where('clearance_grant.status', '=', 'PENDING').limit(1).as('pending_clearance'),
    ])
    .where('app_user.username', '!=', 'system')
    .orderBy('app_user.username');
  if (onlyId) q = q.where('app_user.id', '=', onlyId);
  const now = new Date();
  return (await q.execute()).map((u) => ({
    id: u.id, username: u.username, displayName: u.display_name, roles: knownRoles(u.roles), clearance: u.clearance as Clearance, disabled: u.disabled,
    locked: !!u.locked_until && new Date(u.locked_until) > now,
    secondFactors: { totp: u.totp_enrolled_at !== null, passkeys: Number(u.passkeys ?? 0) },
    pendingClearance: (u.pending_clearance as Clearance | null) ?? null,
  }));
}

async function targetOf(tx: Tx, ctx: Ctx, id: string, what: string) {
  const row = await tx.selectFrom('app_user').selectAll().where('id', '=', id).where('username', '!=', 'system').executeTakeFirst();
  if (!row) throw notFound('the user');
  // Nobody raises, lowers or unlocks themselves: a stolen administrator session cannot entrench itself.
  if (id === ctx.actor.id) throw new AppError('forbidden', `you cannot ${what} your own account; ask another administrator`);
  return row;
}

export async function setUserDisabled(tx: Tx, ctx: Ctx, id: string, disabled: boolean) {
  const row = await targetOf(tx, ctx, id, disabled ? 'disable' : 'enable');
  // Enabling also lifts a lockout: the administrator has spoken to the person.
  await tx.updateTable('app_user').set({ disabled, version: row.version + 1, ...(disabled ? {} : { failed_logins: 0, locked_until: null, last_failed_at: null }) }).where('id', '=', id).execute();
  // Disabling ends every session at once, not at the next idle timeout.
  if (disabled) await revokeUserSessions(tx, id);
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: disabled ? 'user.disable' : 'user.enable', objectType: 'user', objectId: id, outcome: 'success', requestId: ctx.requestId });
  return userView(tx, id);
}

export async function setUserRoles(tx: Tx, ctx: Ctx, id: string, roles: Role[]) {
  const row = await targetOf(tx, ctx, id, 'change the roles of');
  const unique = [...new Set(roles)];
  await tx.updateTable('app_user').set({ roles: unique, version: row.version + 1 }).where('id', '=', id).execute();
  // Sessions carry the rights they were opened with in the user's mind; ending them makes the change felt at once.
  await revokeUserSessions(tx, id);
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.roles', objectType: 'user', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { from: row.roles, to: unique } });
  return userView(tx, id);
}

/** Lowering, or raising below SECRET, applies at once; SECRET waits for a second administrator. */
export async function setUserClearance(tx: Tx, ctx: Ctx, id: string, clearance: Clearance) {
  const row = await targetOf(tx, ctx, id, 'change the clearance of');
  assertWithinOwn(ctx, clearance);
  if (clearance === TWO_PERSON_CLEARANCE && row.clearance !== clearance) {
    await requestClearanceGrant(tx, ctx, id, clearance);
    return userView(tx, id);
  }
  // A lower grant supersedes whatever was waiting.
  await tx.updateTable('clearance_grant').set({ status: 'REJECTED', decided_by: ctx.actor.id, decided_at: new Date() }).where('user_id', '=', id).where('status', '=', 'PENDING').execute();
  await tx.updateTable('app_user').set({ clearance, version: row.version + 1 }).where('id', '=', id).execute();
  await revokeUserSessions(tx, id);
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.clearance', objectType: 'user', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { from: row.clearance, to: clearance } });
  return userView(tx, id);
}

/** Recovery for a lost phone or key: the second factors go, the sessions end, and the next login enrols anew. */
export async function resetMfa(tx: Tx, ctx: Ctx, id: string) {
  const row = await targetOf(tx, ctx, id, 'reset the second factor of');
  await tx.updateTable('app_user').set({ totp_enrolled_at: null, totp_last_step: null, version: row.version + 1 }).where('id', '=', id).execute();
  await deleteTotpSecrets(tx, id);
  const removed = await tx.deleteFrom('webauthn_credential').where('user_id', '=', id).executeTakeFirst();
  await revokeUserSessions(tx, id);
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.mfa_reset', objectType: 'user', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { hadTotp: row.totp_enrolled_at !== null, passkeysRemoved: Number(removed.numDeletedRows) } });
  return userView(tx, id);
}
