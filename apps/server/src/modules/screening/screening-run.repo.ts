import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { ScreeningRun } from '@custodian/contracts';
import type { Db } from '../../platform/db/connect';
import type { ScreeningRunTable } from '../../platform/db/schema';
import type { Ctx } from '../../platform/http/context';
import type { Tx } from '../../platform/http/mutation';
import { notFound } from '../../platform/http/errors';

export type RunRow = Selectable<ScreeningRunTable>;

/** A run whose heartbeat is older than this belonged to a process that stopped; another may take it over. */
export const STALE_RUN_SECONDS = 90;

// Every registered worker in this process; a queued run wakes them instead of waiting for their poll.
const listeners = new Set<() => void>();
export const onScreeningQueued = (fn: () => void) => { listeners.add(fn); return () => listeners.delete(fn); };
export function wakeScreeningWorkers(): void {
  for (const fn of listeners) fn();
}

/**
 * Queues a screening run in the caller's transaction, so the change that needs it (a list loaded, a
 * roster committed) and the run commit together. A newer full run makes queued full runs redundant.
 */
export async function queueScreeningRun(tx: Tx, ctx: Ctx, opts: { trigger: ScreeningRun['trigger']; scope: ScreeningRun['scope']; importId?: string; personId?: string }): Promise<string> {
  if (opts.scope === 'all') {
    await tx.updateTable('screening_run').set({ status: 'superseded', finished_at: new Date() }).where('status', '=', 'queued').where('scope', '=', 'all').execute();
  }
  const id = randomUUID();
  await tx.insertInto('screening_run').values({
    id, trigger: opts.trigger, scope: opts.scope, import_id: opts.importId ?? null, person_id: opts.personId ?? null, status: 'queued', created_by: ctx.actor.id,
  }).execute();
  return id;
}

/**
 * A person registered or corrected by hand is screened at once, not at the next list load. Nothing is
 * queued while no list is loaded (there is nothing to screen against), nor when a queued run already
 * covers the person (a full run, or a run for the same person).
 */
export async function queuePersonScreening(tx: Tx, ctx: Ctx, personId: string): Promise<string | null> {
  const lists = await tx.selectFrom('watchlist_version').select('id').limit(1).executeTakeFirst();
  if (!lists) return null;
  const pending = await tx.selectFrom('screening_run').select('id').where('status', '=', 'queued')
    .where((eb) => eb.or([eb('scope', '=', 'all'), eb.and([eb('scope', '=', 'person'), eb('person_id', '=', personId)])]))
    .limit(1).executeTakeFirst();
  if (pending) return pending.id;
  return queueScreeningRun(tx, ctx, { trigger: 'record', scope: 'person', personId });
}

/** Claims the oldest queued run, or one abandoned by a stopped process, skipping runs other workers hold. */
export async function claimScreeningRun(db: Db, workerId: string): Promise<RunRow | null> {
  const res = await sql<RunRow>`
    update screening_run set
      resumed_count = resumed_count + case when status = 'running' then 1 else 0 end,
      status = 'running', claimed_by = ${workerId}, heartbeat_at = now()
    where id = (
      select id from screening_run
      where status = 'queued' or (status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_RUN_SECONDS}))
      order by created_at, id limit 1 for update skip locked)
    returning *`.execute(db);
  return res.rows[0] ?? null;
}

/** At the start of the only process that may open this database, runs left 'running' were interrupted. */
export async function requeueInterruptedRuns(db: Db): Promise<number> {
  const res = await db.updateTable('screening_run').set((eb) => ({ status: 'queued', claimed_by: null, resumed_count: eb('resumed_count', '+', 1) }))
    .where('status', '=', 'running').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function toRun(r: RunRow): ScreeningRun {
  return {
    id: r.id, trigger: r.trigger as ScreeningRun['trigger'], scope: r.scope as ScreeningRun['scope'], personId: r.person_id, status: r.status as ScreeningRun['status'],
    personsTotal: r.persons_total, personsDone: r.persons_done, hitsOpened: r.hits_opened, hitsReopened: r.hits_reopened,
    hitsWithdrawn: r.hits_withdrawn, resumedCount: r.resumed_count, error: r.error, createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

export async function listScreeningRuns(db: Db): Promise<ScreeningRun[]> {
  return (await db.selectFrom('screening_run').selectAll().orderBy('created_at', 'desc').limit(100).execute()).map(toRun);
}

export async function getScreeningRun(db: Db, id: string): Promise<ScreeningRun> {
  const r = await db.selectFrom('screening_run').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('the screening run');
  return toRun(r);
}
