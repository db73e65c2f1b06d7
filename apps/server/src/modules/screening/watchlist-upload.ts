import type { WatchlistSource } from '@custodian/contracts';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import type { Ctx } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { parseWatchlist, type WatchlistInput } from './watchlist-file';
import { loadWatchlistVersion } from './watchlist.service';

const MAX_PART = 100 * 1_048_576;
const OfacCsvSet = z.object({
  sdn: z.string().min(1).max(MAX_PART).describe('sdn.csv'),
  alt: z.string().max(MAX_PART).optional().describe('alt.csv'),
  add: z.string().max(MAX_PART).optional().describe('add.csv'),
  comments: z.string().max(MAX_PART).optional().describe('sdn_comments.csv'),
}).strict();

/** Turns an upload body into a list input: a file as the body, or the OFAC CSV set as JSON. */
export function uploadInput(body: unknown, q: { source: WatchlistSource; fileName: string; publishedOn?: string }): WatchlistInput {
  if (Buffer.isBuffer(body)) {
    if (body.length === 0) throw new AppError('validation_failed', 'the file is empty', [{ path: 'body', message: 'empty' }]);
    return { source: q.source, kind: 'file', fileName: q.fileName, bytes: body, publishedOn: q.publishedOn };
  }
  if (q.source !== 'ofac') {
    throw new AppError('unsupported_media_type', 'send the list file as the body (application/xml for the UN list, text/csv for a local list)');
  }
  const set = OfacCsvSet.safeParse(body);
  if (!set.success) {
    throw new AppError('validation_failed', 'the OFAC CSV set must be JSON {sdn, alt?, add?, comments?} holding the files\' text',
      set.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })));
  }
  return { source: 'ofac', kind: 'ofac-csv', fileName: q.fileName, files: set.data, publishedOn: q.publishedOn };
}

export async function uploadWatchlist(db: Db, ctx: Ctx, body: unknown, q: { source: WatchlistSource; fileName: string; publishedOn?: string }) {
  const list = parseWatchlist(uploadInput(body, q));
  return loadWatchlistVersion(db, ctx, list);
}
