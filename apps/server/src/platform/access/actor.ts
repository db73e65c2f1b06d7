import { knownRoles, permissionsOf, type Clearance, type LoginStep, type Permission, type Role } from '@custodian/contracts';
import type { Db } from '../db/connect';
import { LOGIN_STEP_MS, nextLoginStep, sessionDigest } from '../auth/sessions';

export type Actor = {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  clearance: Clearance;
  permissions: Set<Permission>;
  mustChangePassword: boolean;
  sessionToken: string;
  assignments: Assignments;
  // The login step this session still owes (second factor, password change, enrolment); null when complete.
  next: LoginStep | null;
  secondFactors: { totp: boolean; passkeys: number };
};

/** What the actor works on, read afresh on every request so a change applies at once. */
export type Assignments = { operationIds: string[]; facilityIds: string[]; facilityOperationIds: string[] };
export const NO_ASSIGNMENTS: Assignments = Object.freeze({ operationIds: [], facilityIds: [], facilityOperationIds: [] }) as unknown as Assignments;

export async function loadAssignments(db: Db, userId: string): Promise<Assignments> {
  const [ops, facs] = await Promise.all([
    db.selectFrom('user_operation_assignment').select('operation_id').where('user_id', '=', userId).orderBy('operation_id').execute(),
    // The facility's operation is kept on the assignment row: the facility table itself is behind row-level security.
    db.selectFrom('user_facility_assignment').select(['facility_id', 'operation_id']).where('user_id', '=', userId).orderBy('facility_id').execute(),
  ]);
  return {
    operationIds: ops.map((r) => r.operation_id),
    facilityIds: facs.map((r) => r.facility_id),
    facilityOperationIds: [...new Set(facs.map((r) => r.operation_id))],
  };
}

// The privileged path: background jobs, the CLI and the demo loader act as this named actor,
// and everything it does is audited under that name.
export const SYSTEM_ACTOR: Omit<Actor, 'sessionToken' | 'next' | 'secondFactors'> = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: 'Custodian system',
  roles: ['ADMINISTRATOR'],
  clearance: 'SECRET',
  permissions: permissionsOf(['ADMINISTRATOR']),
  mustChangePassword: false,
  assignments: NO_ASSIGNMENTS,
};

export async function actorFromSession(db: Db, token: string, idleMs: number): Promise<Actor | null> {
  const now = new Date();
  const row = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['user_session.id_hash', 'user_session.last_seen_at', 'user_session.expires_at', 'user_session.revoked_at', 'app_user.id', 'app_user.username',
      'app_user.display_name', 'app_user.roles', 'app_user.clearance', 'app_user.disabled', 'app_user.must_change_password',
      'user_session.created_at', 'user_session.second_factor_at', 'app_user.totp_enrolled_at'])
    .select((eb) => eb.selectFrom('webauthn_credential').select(eb.fn.countAll<string>().as('n')).whereRef('webauthn_credential.user_id', '=', 'app_user.id').as('passkeys'))
    .where('user_session.id_hash', '=', sessionDigest(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled) return null;
  if (new Date(row.expires_at) <= now || now.getTime() - new Date(row.last_seen_at).getTime() > idleMs) return null;
  const secondFactors = { totp: row.totp_enrolled_at !== null, passkeys: Number(row.passkeys ?? 0) };
  const next = nextLoginStep({
    secondFactorDone: row.second_factor_at !== null, hasSecondFactor: secondFactors.totp || secondFactors.passkeys > 0, mustChangePassword: row.must_change_password,
  });
  // Half-finished logins do not linger: the steps are done within minutes or begun again.
  if (next && now.getTime() - new Date(row.created_at).getTime() > LOGIN_STEP_MS) return null;
  // Touch at most once a minute: the idle clock does not need a write per request.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id_hash', '=', row.id_hash).execute();
  }
  const roles = knownRoles(row.roles);
  const assignments = await loadAssignments(db, row.id);
  return {
    id: row.id, username: row.username, displayName: row.display_name, roles, clearance: row.clearance as Clearance,
    permissions: permissionsOf(roles), mustChangePassword: row.must_change_password, sessionToken: token, next, secondFactors,
    assignments,
  };
}
