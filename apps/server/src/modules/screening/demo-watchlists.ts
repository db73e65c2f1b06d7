import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WatchlistSource } from '@custodian/contracts';
import type { Db } from '../../platform/db/connect';
import { SYSTEM_ACTOR } from '../../platform/access/actor';
import { AppError } from '../../platform/http/errors';
import { parseWatchlist, readWatchlistPath } from './watchlist-file';
import { loadWatchlistVersion } from './watchlist.service';

// The public lists sit beside the repository (../shared/data/watchlists), never in it.
export const SHARED_WATCHLISTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/data/watchlists');

// The older UN list first, so the demo shows a diff between two real publications.
const DEMO_LISTS: [WatchlistSource, string][] = [
  ['un', 'un/consolidated_2020-11-30.xml'],
  ['un', 'un/consolidated_2026-02-27.xml'],
  ['ofac', 'ofac/2024-05-03_jackdwyer'],
];

/** Loads the UN and OFAC lists for the demo when the shared data folder is there; each load queues a re-screen. */
export async function loadDemoWatchlists(db: Db, log: (line: string) => void, dir = SHARED_WATCHLISTS): Promise<number> {
  if (!existsSync(dir)) {
    log(`Watchlists: ${dir} not found; the demo starts without lists (load them with \`custodian watchlist load\`).`);
    return 0;
  }
  let loaded = 0;
  for (const [source, rel] of DEMO_LISTS) {
    const file = path.join(dir, rel);
    if (!existsSync(file)) {
      log(`Watchlists: ${file} not found; skipped.`);
      continue;
    }
    try {
      const started = Date.now();
      const { version } = await loadWatchlistVersion(db, { actor: SYSTEM_ACTOR, requestId: 'demo-watchlists' }, parseWatchlist(readWatchlistPath(source, file)));
      log(`Watchlists: loaded ${source.toUpperCase()} list of ${version.publishedOn} (${version.entryCount} entries; ${version.diff.added} added, ${version.diff.removed} removed, ${version.diff.changed} changed) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      loaded++;
    } catch (e) {
      // Already loaded, or a newer publication is: the demo is idempotent.
      if (e instanceof AppError && e.code === 'conflict') continue;
      throw e;
    }
  }
  return loaded;
}
