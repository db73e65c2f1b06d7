import { buildScreeningIndex, type ScreeningIndex, type WatchlistEntry } from '@custodian/screening';
import type { Db } from '../../platform/db/connect';

export type CurrentIndex = {
  key: string;
  index: ScreeningIndex;
  /** Current version of each source screened against, by source. */
  versions: Map<string, { id: string; publishedOn: string }>;
  /** Entry content hash by entry id, stored at load time. */
  fingerprints: Map<string, string>;
  byId: Map<string, WatchlistEntry>;
};

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

// Building the index takes about a second for UN + OFAC; it is rebuilt only when a version changes.
let cached: CurrentIndex | null = null;
let building: { key: string; promise: Promise<CurrentIndex> } | null = null;

async function currentVersions(db: Db) {
  return db.selectFrom('watchlist_version as v').select(['v.id', 'v.source', 'v.published_on'])
    .where(({ eb, selectFrom }) => eb('v.ordinal', '=', selectFrom('watchlist_version as w').select((e) => e.fn.max('w.ordinal').as('m')).whereRef('w.source', '=', 'v.source')))
    .orderBy('v.source').execute();
}

/** The index over the current version of every source. */
export async function currentScreeningIndex(db: Db): Promise<CurrentIndex> {
  const versions = await currentVersions(db);
  const key = versions.map((v) => v.id).join(',');
  if (cached?.key === key) return cached;
  if (building?.key === key) return building.promise;
  const promise = (async () => {
    const entries: WatchlistEntry[] = [];
    const fingerprints = new Map<string, string>();
    for (const v of versions) {
      const rows = await db.selectFrom('watchlist_entry').select(['content', 'content_hash', 'entry_id']).where('version_id', '=', v.id).orderBy('entry_id').execute();
      for (const r of rows) {
        entries.push(json<WatchlistEntry>(r.content));
        fingerprints.set(r.entry_id, r.content_hash);
      }
    }
    const built: CurrentIndex = {
      key, index: buildScreeningIndex(entries), fingerprints, byId: new Map(entries.map((e) => [e.id, e])),
      versions: new Map(versions.map((v) => [v.source, { id: v.id, publishedOn: v.published_on }])),
    };
    cached = built;
    return built;
  })();
  building = { key, promise };
  try {
    return await promise;
  } finally {
    if (building?.promise === promise) building = null;
  }
}
