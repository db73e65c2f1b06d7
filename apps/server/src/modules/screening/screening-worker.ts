import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect';
import { appendAudit } from '../../platform/audit/audit-log';
import { SYSTEM_ACTOR } from '../../platform/access/actor';
import { AccessDb, type AccessTx } from '../../platform/access/access-db';
import { applyScreening, type ScreenedPerson } from './hit-update';
import { currentScreeningIndex, type CurrentIndex } from './screening-index';
import { personFingerprint, screenPerson } from './screening-subject';
import { claimScreeningRun, onScreeningQueued, requeueInterruptedRuns, type RunRow } from './screening-run.repo';

const BATCH = 100;
// Hit writes of all workers are serialised: two runs over the same person must not both insert its hit.
const HIT_WRITE_LOCK = 7_263_102;

export type WorkerLog = { info: (m: string) => void; error: (m: string) => void };

/**
 * Screens persons for queued runs, one batch per transaction: the batch's hits, the cursor and the
 * progress commit together, so a run interrupted at any point resumes after its last committed batch.
 * On PGlite (one process owns the database) runs left 'running' are requeued at start; on a server,
 * a run whose heartbeat went stale is taken over by whichever worker claims it next.
 */
export class ScreeningWorker {
  readonly id = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly db: Db, private readonly opts: { exclusive: boolean; pollMs?: number; log?: WorkerLog }) {}

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.opts.exclusive) {
      const n = await requeueInterruptedRuns(this.db);
      if (n) this.opts.log?.info(`screening: ${n} interrupted run(s) will resume`);
    }
    this.unsubscribe = onScreeningQueued(() => this.wake());
    this.loop = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.wake();
    await this.loop;
    this.loop = null;
  }

  /** Processes runs until none is waiting (the CLI uses this instead of a background loop). */
  async drain(): Promise<number> {
    let n = 0;
    this.stopped = false;
    if (this.opts.exclusive) await requeueInterruptedRuns(this.db);
    for (let run = await claimScreeningRun(this.db, this.id); run; run = await claimScreeningRun(this.db, this.id)) {
      await this.process(run);
      n++;
    }
    this.stopped = true;
    return n;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let run: RunRow | null = null;
      try {
        run = await claimScreeningRun(this.db, this.id);
        if (run) await this.process(run);
      } catch (e) {
        this.opts.log?.error(`screening: ${(e as Error).message}`);
        if (run) await this.fail(run.id, e).catch(() => undefined);
      }
      if (!run && !this.stopped) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.opts.pollMs ?? 2000);
          this.wakeUp = () => { clearTimeout(t); resolve(); };
        });
        this.wakeUp = null;
      }
    }
  }

  private async fail(id: string, e: unknown): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('screening_run').set({ status: 'failed', error: String((e as Error).message ?? e).slice(0, 1000), finished_at: new Date() }).where('id', '=', id).execute();
      await appendAudit(tx, { actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action: 'screening.run.fail', objectType: 'screening_run', objectId: id, outcome: 'error', requestId: `screening-run-${id}` });
    });
  }

  // Screening reads every person: the named system handle, so on a server the reads pass row-level
  // security as the system actor, and each batch's read is itself audited (system.access).
  private readPersons<T>(run: RunRow, work: (t: AccessTx) => Promise<T>): Promise<T> {
    return AccessDb.system(this.db, 'screening run', `screening-run-${run.id}`).run(work);
  }

  private personsQuery(t: AccessTx, run: RunRow) {
    let q = t.persons();
    if (run.scope === 'import') q = q.where('import_id', '=', run.import_id);
    if (run.scope === 'person') q = q.where('id', '=', run.person_id);
    return q;
  }

  async process(run: RunRow): Promise<void> {
    const current = await currentScreeningIndex(this.db);
    const versions = Object.fromEntries([...current.versions].map(([s, v]) => [s, v.publishedOn]));
    if (run.persons_total === null) {
      const { n } = await this.readPersons(run, (t) => this.personsQuery(t, run).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('screening_run').set({ persons_total: Number(n) }).where('id', '=', run.id).execute();
        await appendAudit(tx, {
          actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action: 'screening.run.start', objectType: 'screening_run', objectId: run.id,
          outcome: 'success', requestId: `screening-run-${run.id}`, details: { trigger: run.trigger, scope: run.scope, importId: run.import_id, personId: run.person_id, persons: Number(n), lists: versions },
        });
      });
    }
    let cursor = run.cursor_person_id;
    while (!this.stopped) {
      const from = cursor;
      const persons = await this.readPersons(run, (t) => {
        let q = this.personsQuery(t, run).select(['id', 'names', 'dob', 'nationality_codes', 'place_of_birth', 'documents']).orderBy('id').limit(BATCH);
        if (from) q = q.where('id', '>', from);
        return q.execute();
      });
      if (persons.length === 0) {
        await this.complete(run.id, versions);
        return;
      }
      const screened: ScreenedPerson[] = [];
      for (const row of persons) {
        const { values, results } = screenPerson(current.index, row);
        screened.push({ personId: row.id, values, fingerprint: personFingerprint(values), results });
        // Matching is CPU work in the server's own process: let waiting requests through every few persons.
        if (screened.length % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      const last = persons[persons.length - 1]!.id;
      const kept = await this.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(${HIT_WRITE_LOCK})`.execute(tx);
        const mine = await tx.selectFrom('screening_run').select(['status', 'claimed_by']).where('id', '=', run.id).forUpdate().executeTakeFirst();
        // Another worker took the run over (this one stalled): leave the batch to it.
        if (!mine || mine.status !== 'running' || mine.claimed_by !== this.id) return false;
        const c = await applyScreening(tx, run.id, screened, contextOf(current));
        await tx.updateTable('screening_run').set((eb) => ({
          cursor_person_id: last, persons_done: eb('persons_done', '+', persons.length), hits_opened: eb('hits_opened', '+', c.opened),
          hits_reopened: eb('hits_reopened', '+', c.reopened), hits_withdrawn: eb('hits_withdrawn', '+', c.withdrawn), heartbeat_at: new Date(),
        })).where('id', '=', run.id).execute();
        return true;
      });
      if (!kept) return;
      cursor = last;
    }
  }

  private async complete(id: string, lists: Record<string, string>): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const r = await tx.updateTable('screening_run').set({ status: 'complete', finished_at: new Date() })
        .where('id', '=', id).where('claimed_by', '=', this.id).where('status', '=', 'running').returningAll().executeTakeFirst();
      if (!r) return;
      await appendAudit(tx, {
        actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action: 'screening.run.complete', objectType: 'screening_run', objectId: id,
        outcome: 'success', requestId: `screening-run-${id}`,
        details: { persons: r.persons_done, hitsOpened: r.hits_opened, hitsReopened: r.hits_reopened, hitsWithdrawn: r.hits_withdrawn, resumed: r.resumed_count, lists },
      });
    });
  }
}

function contextOf(current: CurrentIndex) {
  return {
    versionOf: (source: string) => current.versions.get(source)!.id,
    entryFingerprint: (id: string) => current.fingerprints.get(id) ?? '',
    remarksOf: (id: string) => current.byId.get(id)?.remarks ?? null,
  };
}
