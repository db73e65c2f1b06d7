import { HitDecision, HitDetail, HitPage, HitSearch, ScreeningRun, WatchlistDiff, WatchlistDiffQuery, WatchlistUploadQuery, WatchlistVersion } from '@custodian/contracts';
import { MatchRequestSchema } from '@custodian/screening';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { accessOf } from '../../platform/access/route-access';
import { etag, requireIfMatch, runMutation } from '../../platform/http/mutation';
import { decideHit, listHits, readHit } from './hit.service';
import { MatchOptionsQuery, MatchResponseBody, screenMatchRequest } from './match.service';
import { getScreeningRun, listScreeningRuns, wakeScreeningWorkers } from './screening-run.repo';
import { uploadWatchlist } from './watchlist-upload';
import { getWatchlistDiff, getWatchlistVersion, listWatchlistVersions } from './watchlist.service';

const IdParam = z.object({ id: z.string().uuid() });
const FILE_TYPES = ['application/xml', 'text/xml', 'text/csv', 'application/octet-stream'];

export const screeningRoutes = (db: Db, config: Config): FastifyPluginAsyncZod => async (app) => {
  for (const type of FILE_TYPES) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: config.uploadLimit }, (_req, body, done) => done(null, body));
  }

  app.post('/api/watchlists/versions', {
    schema: {
      tags: ['screening'], querystring: WatchlistUploadQuery, response: { 201: z.object({ version: WatchlistVersion, screeningRunId: z.string().uuid() }) },
      summary: 'Load a list version: UN XML, OFAC sdn.xml or sdn.csv, local CSV as the body; or the OFAC CSV set as JSON {sdn, alt, add, comments}',
    },
    config: { access: 'watchlists:write' },
    bodyLimit: config.uploadLimit,
  }, async (req, reply) => {
    const loaded = await uploadWatchlist(db, ctxOf(req), req.body, req.query);
    wakeScreeningWorkers();
    void reply.code(201);
    return { version: loaded.version, screeningRunId: loaded.runId };
  });

  app.get('/api/watchlists/versions', {
    schema: { tags: ['screening'], summary: 'Every list version loaded, newest first', response: { 200: z.array(WatchlistVersion) } },
    config: { access: 'watchlists:read' },
  }, () => listWatchlistVersions(db));

  app.get('/api/watchlists/versions/:id', {
    schema: { tags: ['screening'], params: IdParam, response: { 200: WatchlistVersion } },
    config: { access: 'watchlists:read' },
  }, (req) => getWatchlistVersion(db, req.params.id));

  app.get('/api/watchlists/versions/:id/diff', {
    schema: { tags: ['screening'], summary: 'Entries added, removed and changed against the previous version of the same source', params: IdParam, querystring: WatchlistDiffQuery, response: { 200: WatchlistDiff } },
    config: { access: 'watchlists:read' },
  }, (req) => getWatchlistDiff(db, req.params.id, req.query));

  app.get('/api/screening/runs', {
    schema: { tags: ['screening'], summary: 'Screening runs with their progress, newest first', response: { 200: z.array(ScreeningRun) } },
    config: { access: 'watchlists:read' },
  }, () => listScreeningRuns(db));

  app.get('/api/screening/runs/:id', {
    schema: { tags: ['screening'], params: IdParam, response: { 200: ScreeningRun } },
    config: { access: 'watchlists:read' },
  }, (req) => getScreeningRun(db, req.params.id));

  app.get('/api/screening/hits', {
    schema: { tags: ['screening'], summary: 'The hit review queue', querystring: HitSearch, response: { 200: HitPage } },
    config: { access: 'screening:read' },
  }, (req) => listHits(accessOf(req), ctxOf(req), req.query));

  app.get('/api/screening/hits/:id', {
    schema: { tags: ['screening'], summary: 'A hit: detainee and list entry side by side, with the features that matched', params: IdParam, response: { 200: HitDetail } },
    config: { access: 'screening:read' },
  }, async (req, reply) => {
    const hit = await readHit(accessOf(req), ctxOf(req), req.params.id);
    void reply.header('etag', etag(hit.version));
    return hit;
  });

  app.post('/api/screening/hits/:id/decision', {
    schema: { tags: ['screening'], summary: 'Confirm or dismiss a hit with a reason (If-Match required)', params: IdParam, body: HitDecision, response: { 200: HitDetail } },
    config: { access: 'screening:review' },
  }, async (req, reply) => {
    const version = requireIfMatch(req);
    const hit = await runMutation(db, req, reply, 200, (tx) => decideHit(accessOf(req), tx, ctxOf(req), req.params.id, version, req.body));
    void reply.header('etag', etag(hit.version));
    return hit;
  });

  app.post('/api/screening/match', {
    schema: {
      tags: ['screening'], summary: 'Screen FollowTheMoney queries against the current lists, shaped like OpenSanctions yente /match',
      querystring: MatchOptionsQuery, body: MatchRequestSchema, response: { 200: MatchResponseBody },
    },
    config: { access: 'screening:match' },
  }, (req) => screenMatchRequest(db, ctxOf(req), req.body, req.query));
};
