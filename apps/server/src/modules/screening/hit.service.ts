import type { HitDecision, HitDetail, HitPage, HitSearch, HitSummary } from '@custodian/contracts';
import { z } from 'zod';
import type { Ctx } from '../../platform/http/context';
import type { Tx } from '../../platform/http/mutation';
import { appendAudit } from '../../platform/audit/audit-log';
import type { AccessDb, AccessTx } from '../../platform/access/access-db';
import { AppError, conflict, notFound } from '../../platform/http/errors';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const iso = (d: Date | string) => new Date(d).toISOString();

// Hits carry person data: only hits on persons the reader may see (clearance and assignment, the
// person policy's SQL form) exist for them (need-to-know).
function hitQuery(t: AccessTx) {
  return t.tx.selectFrom('screening_hit as h')
    .innerJoin('person', 'person.id', 'h.person_id')
    .innerJoin('watchlist_version as v', 'v.id', 'h.version_id')
    .leftJoin('app_user as u', 'u.id', 'h.decided_by')
    .where(t.personVisible());
}

const summaryColumns = [
  'h.id', 'h.status', 'h.score', 'h.person_id', 'person.system_number', 'person.primary_name', 'h.entry_id', 'h.entry_caption', 'h.source',
  'v.published_on', 'h.first_seen_at', 'h.screened_at', 'h.reopened_because',
] as const;

type SummaryRow = {
  id: string; status: string; score: number; person_id: string; system_number: string; primary_name: string; entry_id: string;
  entry_caption: string; source: string; published_on: string; first_seen_at: Date | string; screened_at: Date | string; reopened_because: string | null;
};

function toSummary(r: SummaryRow): HitSummary {
  return {
    id: r.id, status: r.status as HitSummary['status'], score: Number(r.score), personId: r.person_id, personSystemNumber: r.system_number,
    personName: r.primary_name, entryId: r.entry_id, entryCaption: r.entry_caption, source: r.source as HitSummary['source'],
    listPublishedOn: r.published_on, firstSeenAt: iso(r.first_seen_at), screenedAt: iso(r.screened_at), reopenedBecause: r.reopened_because,
  };
}

/** The review queue; the search is audited like a registry search, since it lists persons. */
export async function listHits(access: AccessDb, ctx: Ctx, q: HitSearch): Promise<HitPage> {
  return access.run((t) => searchHits(t, ctx, q));
}

async function searchHits(t: AccessTx, ctx: Ctx, q: HitSearch): Promise<HitPage> {
  let base = hitQuery(t);
  if (q.status) base = base.where('h.status', '=', q.status);
  if (q.minScore !== undefined) base = base.where('h.score', '>=', q.minScore);
  const [{ n }] = [await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()];
  const rows = await base.select([...summaryColumns]).orderBy('h.score', 'desc').orderBy('h.id')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  await appendAudit(t.tx, {
    actorId: ctx.actor.id, actor: ctx.actor.username, action: 'screening.hit.search', objectType: 'screening_hit', objectId: null,
    outcome: 'success', requestId: ctx.requestId, details: { filters: { ...q }, total: Number(n), persons: [...new Set(rows.map((r) => r.person_id))] },
  });
  return { items: rows.map(toSummary), total: Number(n), page: q.page, pageSize: q.pageSize };
}

async function findHit(t: AccessTx, id: string, lock = false): Promise<HitDetail | null> {
  if (!z.string().uuid().safeParse(id).success) return null;
  let q = hitQuery(t).select([...summaryColumns, 'h.version', 'h.person_values', 'h.entry_values', 'h.features', 'h.decided_at', 'h.decision_reason', 'u.username'])
    .where('h.id', '=', id);
  if (lock) q = q.forUpdate('h');
  const r = await q.executeTakeFirst();
  if (!r) return null;
  return {
    ...toSummary(r), version: r.version, person: json(r.person_values), entry: json(r.entry_values), features: json(r.features),
    decision: r.decided_at && r.username ? { by: r.username, at: iso(r.decided_at), reason: r.decision_reason ?? '' } : null,
  };
}

/** One hit side by side with its explanation; audited before the answer leaves, like a person read. */
export async function readHit(access: AccessDb, ctx: Ctx, id: string): Promise<HitDetail> {
  const hit = await access.run(async (t) => {
    const found = await findHit(t, id);
    await appendAudit(t.tx, {
      actorId: ctx.actor.id, actor: ctx.actor.username, action: 'screening.hit.read', objectType: 'screening_hit', objectId: id,
      outcome: found ? 'success' : 'failed', requestId: ctx.requestId, details: found ? { personId: found.personId, entryId: found.entryId } : {},
    });
    return found;
  });
  if (!hit) throw notFound('the hit');
  return hit;
}

/** Confirm or dismiss, with the analyst's reason; the decision is kept until either record changes. */
export async function decideHit(access: AccessDb, tx: Tx, ctx: Ctx, id: string, version: number, d: HitDecision): Promise<HitDetail> {
  const t = await access.bind(tx);
  const hit = await findHit(t, id, true);
  if (!hit) throw notFound('the hit');
  if (hit.status === 'withdrawn') throw conflict('this hit was withdrawn: the pair no longer scores at the threshold against the current lists');
  if (hit.version !== version) throw new AppError('precondition_failed', `the hit is at version ${hit.version}, not ${version}; reload and retry`);
  const status = d.decision === 'confirm' ? 'confirmed' : 'dismissed';
  await tx.updateTable('screening_hit').set({
    status, decided_by: ctx.actor.id, decided_at: new Date(), decision_reason: d.reason, reopened_because: null, version: hit.version + 1,
  }).where('id', '=', id).execute();
  await appendAudit(tx, {
    actorId: ctx.actor.id, actor: ctx.actor.username, action: `screening.hit.${d.decision}`, objectType: 'screening_hit', objectId: id,
    outcome: 'success', requestId: ctx.requestId, details: { personId: hit.personId, entryId: hit.entryId, score: hit.score, fromStatus: hit.status, reason: d.reason },
  });
  return (await findHit(t, id))!;
}
