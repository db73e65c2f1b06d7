import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { WatchlistDiff, WatchlistVersion } from '@custodian/contracts';
import { diffLists, type WatchlistEntry } from '@custodian/screening';
import type { Db } from '../../platform/db/connect';
import type { Ctx } from '../../platform/http/context';
import type { Tx } from '../../platform/http/mutation';
import { appendAudit } from '../../platform/audit/audit-log';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import { entryFingerprint } from './screening-subject';
import { queueScreeningRun } from './screening-run.repo';
import type { LoadableList } from './watchlist-file';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const CHUNK = 500;

type DiffItem = WatchlistDiff['items'][number];
type Counts = WatchlistVersion['diff'];

const versionColumns = ['watchlist_version.id', 'source', 'published_on', 'file_name', 'checksum', 'entry_count', 'previous_version_id', 'diff_counts', 'loaded_at', 'app_user.username'] as const;

function versionQuery(db: Db | Tx) {
  return db.selectFrom('watchlist_version').innerJoin('app_user', 'app_user.id', 'watchlist_version.loaded_by').select([...versionColumns])
    // The current version of a source is the last one loaded (loads of older lists are refused).
    .select(sql<boolean>`watchlist_version.ordinal = (select max(v2.ordinal) from watchlist_version v2 where v2.source = watchlist_version.source)`.as('current'));
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>;

function toVersion(r: VersionRow): WatchlistVersion {
  return {
    id: r.id, source: r.source as WatchlistVersion['source'], publishedOn: r.published_on, fileName: r.file_name, checksum: r.checksum,
    entryCount: r.entry_count, previousVersionId: r.previous_version_id, diff: json<Counts>(r.diff_counts), current: Boolean(r.current),
    loadedBy: r.username, loadedAt: new Date(r.loaded_at).toISOString(),
  };
}

/**
 * Stores a parsed list as a new version of its source, with the diff against the version it replaces,
 * and queues a re-screen of everyone. One transaction: a failure leaves no trace of the version.
 */
export async function loadWatchlistVersion(db: Db, ctx: Ctx, list: LoadableList): Promise<{ version: WatchlistVersion; runId: string }> {
  const { parsed } = list;
  const seen = new Set<string>();
  for (const e of parsed.entries) {
    if (seen.has(e.id)) throw new AppError('validation_failed', `${list.fileName}: entry ${e.id} appears twice; nothing was loaded`, [{ path: `entry ${e.id}`, message: 'duplicate entry id' }]);
    seen.add(e.id);
  }
  const result = await db.transaction().execute(async (tx) => {
    // Loads of one source are serialised, so two uploads cannot both diff against the same predecessor.
    await sql`select pg_advisory_xact_lock(7263101, hashtext(${parsed.source}))`.execute(tx);
    const dup = await tx.selectFrom('watchlist_version').select(['id', 'published_on']).where('source', '=', parsed.source).where('checksum', '=', list.checksum).executeTakeFirst();
    if (dup) throw conflict(`this file is already loaded as the ${parsed.source} list published ${dup.published_on} (version ${dup.id}); nothing changed`);
    const prev = await tx.selectFrom('watchlist_version').select(['id', 'published_on']).where('source', '=', parsed.source).orderBy('ordinal', 'desc').limit(1).executeTakeFirst();
    // Screening always uses the last version loaded: an older publication loaded by mistake would silently roll the list back.
    if (prev && ISO_DATE.test(prev.published_on) && ISO_DATE.test(parsed.listVersion) && parsed.listVersion < prev.published_on) {
      throw conflict(`this ${parsed.source} list was published ${parsed.listVersion}, before the current one (${prev.published_on}); nothing changed`);
    }
    const before = prev
      ? (await tx.selectFrom('watchlist_entry').select('content').where('version_id', '=', prev.id).execute()).map((r) => json<WatchlistEntry>(r.content))
      : [];
    const diff = diffLists(before, parsed.entries);
    const counts: Counts = { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged: diff.unchanged };
    const items: DiffItem[] = [
      ...diff.added.map((e) => ({ change: 'added' as const, entryId: e.id, caption: e.names[0]!.full, changedFields: [] })),
      ...diff.removed.map((e) => ({ change: 'removed' as const, entryId: e.id, caption: e.names[0]!.full, changedFields: [] })),
      ...diff.changed.map((c) => ({ change: 'changed' as const, entryId: c.id, caption: c.after.names[0]!.full, changedFields: [...c.changedFields] })),
    ];
    const id = randomUUID();
    await tx.insertInto('watchlist_version').values({
      id, source: parsed.source, published_on: parsed.listVersion, file_name: list.fileName, checksum: list.checksum,
      entry_count: parsed.entries.length, previous_version_id: prev?.id ?? null, diff_counts: JSON.stringify(counts),
      diff_items: JSON.stringify(items), loaded_by: ctx.actor.id,
    }).execute();
    for (let i = 0; i < parsed.entries.length; i += CHUNK) {
      await tx.insertInto('watchlist_entry').values(parsed.entries.slice(i, i + CHUNK).map((e) => ({
        version_id: id, entry_id: e.id, kind: e.kind, caption: e.names[0]!.full, content: JSON.stringify(e), content_hash: entryFingerprint(e),
      }))).execute();
    }
    const runId = await queueScreeningRun(tx, ctx, { trigger: 'list', scope: 'all' });
    await appendAudit(tx, {
      actorId: ctx.actor.id, actor: ctx.actor.username, action: 'watchlist.load', objectType: 'watchlist_version', objectId: id,
      outcome: 'success', requestId: ctx.requestId,
      details: { source: parsed.source, publishedOn: parsed.listVersion, fileName: list.fileName, checksum: list.checksum, entries: parsed.entries.length, previousVersionId: prev?.id ?? null, diff: counts, screeningRunId: runId },
    });
    return { id, runId };
  });
  return { version: await getWatchlistVersion(db, result.id), runId: result.runId };
}

export async function listWatchlistVersions(db: Db): Promise<WatchlistVersion[]> {
  return (await versionQuery(db).orderBy('watchlist_version.ordinal', 'desc').execute()).map(toVersion);
}

export async function getWatchlistVersion(db: Db, id: string): Promise<WatchlistVersion> {
  const row = await versionQuery(db).where('watchlist_version.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('the list version');
  return toVersion(row);
}

export async function getWatchlistDiff(db: Db, id: string, q: { change?: DiffItem['change']; page: number; pageSize: number }): Promise<WatchlistDiff> {
  const row = await db.selectFrom('watchlist_version').select(['id', 'previous_version_id', 'diff_counts', 'diff_items']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('the list version');
  const all = json<DiffItem[]>(row.diff_items).filter((i) => !q.change || i.change === q.change);
  return {
    versionId: row.id, previousVersionId: row.previous_version_id, counts: json<Counts>(row.diff_counts),
    items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize,
  };
}
