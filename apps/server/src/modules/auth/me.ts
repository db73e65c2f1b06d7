import { knownRoles, permissionsOf, type Clearance, type LoginStep, type Me } from '@custodian/contracts';
import type { Db } from '../../platform/db/connect';
import { nextLoginStep } from '../../platform/auth/sessions';
import type { Actor } from '../../platform/access/actor';

type MeSource = Pick<Actor, 'id' | 'username' | 'displayName' | 'roles' | 'clearance' | 'permissions' | 'mustChangePassword' | 'next' | 'secondFactors'>;

// Until every login step is done the session may do nothing, and says so: no permissions.
export const meOf = (a: MeSource): Me => ({
  id: a.id, username: a.username, displayName: a.displayName, roles: a.roles, clearance: a.clearance,
  permissions: a.next ? [] : [...a.permissions].sort(), mustChangePassword: a.mustChangePassword, next: a.next, secondFactors: a.secondFactors,
});

/** The caller as a fresh session of theirs sees it, read back from the database. */
export async function meForUser(db: Db, userId: string, secondFactorDone: boolean): Promise<Me & { next: LoginStep | null }> {
  const u = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const passkeys = await db.selectFrom('webauthn_credential').select(db.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  const secondFactors = { totp: u.totp_enrolled_at !== null, passkeys: Number(passkeys.n) };
  const roles = knownRoles(u.roles);
  return meOf({
    id: u.id, username: u.username, displayName: u.display_name, roles, clearance: u.clearance as Clearance, permissions: permissionsOf(roles),
    mustChangePassword: u.must_change_password, secondFactors,
    next: nextLoginStep({ secondFactorDone, hasSecondFactor: secondFactors.totp || secondFactors.passkeys > 0, mustChangePassword: u.must_change_password }),
  });
}
