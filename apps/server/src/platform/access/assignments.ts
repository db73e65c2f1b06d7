import { isUnrestricted, knownRoles, type UserAssignments, type UserAssignmentsView } from '@custodian/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Ctx } from '../http/context';
import { appendAudit } from '../audit/audit-log';
import { AppError, notFound } from '../http/errors';
import type { AccessTx } from './access-db';

type Exec = Kysely<Database> | Transaction<Database>;

export async function readAssignments(db: Exec, userId: string): Promise<UserAssignmentsView> {
  const user = await db.selectFrom('app_user').select(['id', 'roles']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('the user');
  const [ops, facs] = await Promise.all([
    db.selectFrom('user_operation_assignment').select('operation_id').where('user_id', '=', userId).orderBy('operation_id').execute(),
    db.selectFrom('user_facility_assignment').select('facility_id').where('user_id', '=', userId).orderBy('facility_id').execute(),
  ]);
  return { userId, operationIds: ops.map((r) => r.operation_id), facilityIds: facs.map((r) => r.facility_id), unrestricted: isUnrestricted({ roles: knownRoles(user.roles) }) };
}

/**
 * Replaces what a user works on, in the caller's transaction, audited with what was added and removed.
 * The administrator assigns only what they can see themselves: a facility above their clearance
 * is "no such facility" to them too.
 */
export async function setAssignments(t: AccessTx, ctx: Ctx, userId: string, next: UserAssignments): Promise<UserAssignmentsView> {
  const tx = t.tx;
  const before = await readAssignments(tx, userId);
  const operationIds = [...new Set(next.operationIds)].sort();
  const facilityIds = [...new Set(next.facilityIds)].sort();
  const ops = operationIds.length ? await t.operations().select('id').where('id', 'in', operationIds).execute() : [];
  const missingOps = operationIds.filter((id) => !ops.some((o) => o.id === id));
  const facs = facilityIds.length
    ? await t.facilities().select(['id', 'operation_id']).where('id', 'in', facilityIds).execute()
    : [];
  const missingFacs = facilityIds.filter((id) => !facs.some((f) => f.id === id));
  if (missingOps.length || missingFacs.length) {
    throw new AppError('validation_failed', 'some assignments name nothing that exists', [
      ...missingOps.map((id) => ({ path: `body.operationIds`, message: `no operation ${id}` })),
      ...missingFacs.map((id) => ({ path: `body.facilityIds`, message: `no facility ${id}` })),
    ]);
  }
  await tx.deleteFrom('user_operation_assignment').where('user_id', '=', userId).execute();
  await tx.deleteFrom('user_facility_assignment').where('user_id', '=', userId).execute();
  if (ops.length) await tx.insertInto('user_operation_assignment').values(operationIds.map((id) => ({ user_id: userId, operation_id: id, assigned_by: ctx.actor.id }))).execute();
  if (facs.length) await tx.insertInto('user_facility_assignment').values(facs.map((f) => ({ user_id: userId, facility_id: f.id, operation_id: f.operation_id, assigned_by: ctx.actor.id }))).execute();
  const diff = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
  await appendAudit(tx, {
    actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.assignments', objectType: 'user', objectId: userId, outcome: 'success', requestId: ctx.requestId,
    details: {
      operationsAdded: diff(operationIds, before.operationIds), operationsRemoved: diff(before.operationIds, operationIds),
      facilitiesAdded: diff(facilityIds, before.facilityIds), facilitiesRemoved: diff(before.facilityIds, facilityIds),
    },
  });
  return { ...before, operationIds, facilityIds };
}
