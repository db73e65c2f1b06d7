import { ImportOptions, ImportPreview, RosterField } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { accessOf } from '../../platform/access/route-access';
import { AppError } from '../../platform/http/errors';
import { commitImport, getImport, previewImport } from './import.service';

const UPLOAD_TYPES = ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

const Query = z.object({
  fileName: z.string().min(1).max(300),
  sourceList: ImportOptions.shape.sourceList,
  facilityId: ImportOptions.shape.facilityId,
  responsibleAuthority: ImportOptions.shape.responsibleAuthority,
  mapping: z.string().max(20_000).optional().describe('JSON object: column header → field'),
});

export const importRoutes = (db: Db, config: Config): FastifyPluginAsyncZod => async (app) => {
  for (const type of UPLOAD_TYPES) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: config.uploadLimit }, (_req, body, done) => done(null, body));
  }

  app.post('/api/imports', {
    schema: { tags: ['imports'], summary: 'Upload a roster (CSV or XLSX body) and get a preview with every bad row', querystring: Query, response: { 200: ImportPreview } },
    config: { access: 'imports:write' },
    bodyLimit: config.uploadLimit,
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', `send the file as the body with Content-Type ${UPLOAD_TYPES.join(' or ')}`);
    let mapping: Record<string, RosterField> | undefined;
    if (req.query.mapping) {
      let raw: unknown;
      try { raw = JSON.parse(req.query.mapping); } catch { throw new AppError('validation_failed', 'mapping is not JSON', [{ path: 'query.mapping', message: 'expected a JSON object' }]); }
      const parsed = z.record(z.string(), RosterField).safeParse(raw);
      if (!parsed.success) throw new AppError('validation_failed', 'mapping names unknown fields', parsed.error.issues.map((i) => ({ path: `query.mapping.${i.path.join('.')}`, message: i.message })));
      mapping = parsed.data;
    }
    const { fileName, mapping: _m, ...opts } = req.query;
    return previewImport(accessOf(req), ctxOf(req), req.body, fileName, { ...opts, mapping });
  });

  app.get('/api/imports/:id', {
    schema: { tags: ['imports'], params: z.object({ id: z.string().uuid() }), response: { 200: ImportPreview } },
    config: { access: 'imports:write' },
  }, (req) => getImport(accessOf(req), req.params.id));

  app.post('/api/imports/:id/commit', {
    schema: { tags: ['imports'], summary: 'Register every person of a previewed roster, all or nothing', params: z.object({ id: z.string().uuid() }), response: { 200: ImportPreview } },
    config: { access: 'imports:write' },
  }, (req) => commitImport(accessOf(req), ctxOf(req), req.params.id));
};
