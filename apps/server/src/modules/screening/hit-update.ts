import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { MatchResult } from '@custodian/screening';
import type { ScreeningHitTable } from '../../platform/db/schema';
import type { Tx } from '../../platform/http/mutation';
import { appendAudit } from '../../platform/audit/audit-log';
import { SYSTEM_ACTOR } from '../../platform/access/actor';
import type { PersonValues } from './screening-subject';

type HitRow = Selectable<ScreeningHitTable>;

export type ScreenedPerson = { personId: string; values: PersonValues; fingerprint: string; results: MatchResult[] };
export type HitCounts = { opened: number; reopened: number; withdrawn: number };

const entryValues = (r: MatchResult, remarks: string | null) => ({ ...r.properties, remarks });

/**
 * Applies one re-screen of some persons to their hits:
 * - a new pair at or above the threshold opens a hit;
 * - an open hit is refreshed (score, explanation, list version);
 * - a dismissed pair stays quiet unless the person's screened fields or the entry's content changed
 *   since it was last screened, in which case it opens again saying which record changed;
 * - a confirmed pair keeps its decision (it is refreshed, never reopened);
 * - an open hit no longer at the threshold is withdrawn (entry delisted, record corrected).
 * Every state change is audited under the system actor with the run that caused it.
 */
export async function applyScreening(
  tx: Tx, runId: string, persons: ScreenedPerson[], ctx: { versionOf: (source: string) => string; entryFingerprint: (id: string) => string; remarksOf: (id: string) => string | null },
): Promise<HitCounts> {
  const counts: HitCounts = { opened: 0, reopened: 0, withdrawn: 0 };
  if (persons.length === 0) return counts;
  const existing = await tx.selectFrom('screening_hit').selectAll().where('person_id', 'in', persons.map((p) => p.personId)).execute();
  const byPair = new Map<string, HitRow>(existing.map((h) => [`${h.person_id} ${h.entry_id}`, h]));
  const now = new Date();
  const audit = (action: string, hitId: string, details: Record<string, unknown>) => appendAudit(tx, {
    actorId: SYSTEM_ACTOR.id, actor: SYSTEM_ACTOR.username, action, objectType: 'screening_hit', objectId: hitId, outcome: 'success',
    requestId: `screening-run-${runId}`, details: { runId, ...details },
  });
  for (const p of persons) {
    const matched = new Set<string>();
    for (const r of p.results) {
      matched.add(r.id);
      const source = r.datasets[0] === 'un_sc_sanctions' ? 'un' : r.datasets[0] === 'us_ofac_sdn' ? 'ofac' : 'local';
      const entryFp = ctx.entryFingerprint(r.id);
      const fresh = {
        version_id: ctx.versionOf(source), entry_caption: r.caption, score: r.score, person_values: JSON.stringify(p.values),
        entry_values: JSON.stringify(entryValues(r, ctx.remarksOf(r.id))), features: JSON.stringify(r.explanation),
        person_fingerprint: p.fingerprint, entry_fingerprint: entryFp, screened_at: now,
      };
      const hit = byPair.get(`${p.personId} ${r.id}`);
      if (!hit) {
        const id = randomUUID();
        await tx.insertInto('screening_hit').values({ id, person_id: p.personId, entry_id: r.id, source, status: 'open', first_seen_at: now, ...fresh }).execute();
        await audit('screening.hit.open', id, { personId: p.personId, entryId: r.id, score: r.score });
        counts.opened++;
        continue;
      }
      if (hit.status === 'dismissed') {
        const why = [hit.person_fingerprint !== p.fingerprint ? 'the detainee record changed' : null, hit.entry_fingerprint !== entryFp ? 'the list entry changed' : null].filter(Boolean).join(' and ');
        // Quiet: the analyst judged exactly these two records; nothing they looked at is different.
        if (!why) continue;
        await tx.updateTable('screening_hit').set({ ...fresh, status: 'open', reopened_because: why, version: hit.version + 1 }).where('id', '=', hit.id).execute();
        await audit('screening.hit.reopen', hit.id, { personId: p.personId, entryId: r.id, score: r.score, because: why });
        counts.reopened++;
      } else if (hit.status === 'withdrawn') {
        await tx.updateTable('screening_hit').set({ ...fresh, status: 'open', reopened_because: 'matched again after it was withdrawn', version: hit.version + 1 }).where('id', '=', hit.id).execute();
        await audit('screening.hit.reopen', hit.id, { personId: p.personId, entryId: r.id, score: r.score, because: 'matched again' });
        counts.reopened++;
      } else {
        await tx.updateTable('screening_hit').set(fresh).where('id', '=', hit.id).execute();
      }
    }
    for (const hit of existing) {
      if (hit.person_id !== p.personId || hit.status !== 'open' || matched.has(hit.entry_id)) continue;
      await tx.updateTable('screening_hit').set({ status: 'withdrawn', screened_at: now, version: hit.version + 1 }).where('id', '=', hit.id).execute();
      await audit('screening.hit.withdraw', hit.id, { personId: p.personId, entryId: hit.entry_id, because: 'no longer at the threshold against the current lists' });
      counts.withdrawn++;
    }
  }
  return counts;
}
