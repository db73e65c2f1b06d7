import { randomUUID } from 'node:crypto';
import type { Clearance, ClearanceGrant } from '@custodian/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { appendAudit } from '../../platform/audit/audit-log';
import { revokeUserSessions } from '../../platform/auth/sessions';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import type { Ctx } from '../../platform/http/context';

type Tx = Kysely<Database>;

/** Records a grant that waits for a second administrator; one waits per user at a time. */
export async function requestClearanceGrant(tx: Tx, ctx: Ctx, userId: string, clearance: Clearance): Promise<string> {
  const waiting = await tx.selectFrom('clearance_grant').select('id').where('user_id', '=', userId).where('status', '=', 'PENDING').executeTakeFirst();
  if (waiting) throw conflict('a clearance grant for this user already waits for approval');
  const id = randomUUID();
  await tx.insertInto('clearance_grant').values({ id, user_id: userId, clearance, requested_by: ctx.actor.id }).execute();
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'user.clearance_request', objectType: 'user', objectId: userId, outcome: 'success', requestId: ctx.requestId, details: { grantId: id, clearance } });
  return id;
}

export async function listClearanceGrants(tx: Tx, status?: ClearanceGrant['status']): Promise<ClearanceGrant[]> {
  let q = tx.selectFrom('clearance_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .innerJoin('app_user as r', 'r.id', 'g.requested_by')
    .leftJoin('app_user as d', 'd.id', 'g.decided_by')
    .select(['g.id', 'g.user_id', 'u.username', 'g.clearance', 'g.status', 'r.username as requested_by', 'g.requested_at', 'd.username as decided_by', 'g.decided_at'])
    .orderBy('g.requested_at', 'desc').limit(200);
  if (status) q = q.where('g.status', '=', status);
  return (await q.execute()).map((g) => ({
    id: g.id, userId: g.user_id, username: g.username, clearance: g.clearance as Clearance, status: g.status as ClearanceGrant['status'],
    requestedBy: g.requested_by, requestedAt: new Date(g.requested_at).toISOString(), decidedBy: g.decided_by ?? null,
    decidedAt: g.decided_at ? new Date(g.decided_at).toISOString() : null,
  }));
}

/** The second administrator's word. The requester and the grantee never decide their own grant. */
export async function decideClearanceGrant(tx: Tx, ctx: Ctx, grantId: string, approve: boolean): Promise<ClearanceGrant> {
  const g = await tx.selectFrom('clearance_grant').selectAll().where('id', '=', grantId).forUpdate().executeTakeFirst();
  if (!g) throw notFound('the clearance grant');
  if (g.status !== 'PENDING') throw conflict(`this grant was already ${g.status.toLowerCase()}`);
  if (g.requested_by === ctx.actor.id) throw new AppError('forbidden', 'a second administrator must decide a grant you requested');
  if (g.user_id === ctx.actor.id) throw new AppError('forbidden', 'you cannot decide a grant of your own clearance');
  // The requester had to hold the clearance to ask for it; the approval is the second person's check
  // on that request (four eyes), so the approver need not hold it. Requiring that too would leave an
  // operation with one SECRET administrator unable ever to grant SECRET.
  const status = approve ? 'APPROVED' : 'REJECTED';
  await tx.updateTable('clearance_grant').set({ status, decided_by: ctx.actor.id, decided_at: new Date() }).where('id', '=', grantId).execute();
  if (approve) {
    const user = await tx.selectFrom('app_user').select(['clearance', 'version']).where('id', '=', g.user_id).executeTakeFirstOrThrow();
    await tx.updateTable('app_user').set({ clearance: g.clearance, version: user.version + 1 }).where('id', '=', g.user_id).execute();
    await revokeUserSessions(tx, g.user_id);
  }
  await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: approve ? 'user.clearance_approve' : 'user.clearance_reject', objectType: 'user', objectId: g.user_id, outcome: 'success', requestId: ctx.requestId, details: { grantId, clearance: g.clearance } });
  const [view] = (await listClearanceGrants(tx)).filter((x) => x.id === grantId);
  return view!;
}
