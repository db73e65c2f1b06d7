import { AuditFilter, AuditPage, AuditQuery } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { accessOf } from '../../platform/access/route-access';
import { createAuditExporter, exportAuditCsv, listAudit } from './audit.service';

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');

export const auditRoutes = (db: Db, config: Config): FastifyPluginAsyncZod => async (app) => {
  const exporter = createAuditExporter(db, config);

  app.get('/api/audit', {
    schema: { tags: ['audit'], summary: 'The audit log, newest first: filter by record, actor, action, outcome and time (keyset pages)', querystring: AuditQuery, response: { 200: AuditPage } },
    config: { access: 'audit:read' },
  }, (req) => listAudit(accessOf(req), ctxOf(req), req.query));

  app.get('/api/audit/export.csv', {
    schema: { tags: ['audit'], summary: 'The matching entries as CSV, oldest first', querystring: AuditFilter, response: { 200: z.string() } },
    config: { access: 'audit:read' },
  }, async (req, reply) => {
    const csv = await exportAuditCsv(accessOf(req), ctxOf(req), req.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="custodian-audit-${stamp()}.csv"`).send(csv);
  });

  app.get('/api/audit/export.json', {
    schema: { tags: ['audit'], summary: 'The matching entries with Merkle inclusion proofs and the signed checkpoint covering them; check with `custodian audit verify --export FILE`', querystring: AuditFilter },
    config: { access: 'audit:read' },
  }, async (req, reply) => {
    const doc = await exporter.signedJson(accessOf(req), ctxOf(req), req.query);
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="custodian-audit-${stamp()}.json"`).send(JSON.stringify(doc, null, 1));
  });
};
