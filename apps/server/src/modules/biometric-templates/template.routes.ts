// Enrolment of a biometric template for a person: the template is sealed under the person's id
// (platform/crypto) before it reaches the database. The biometric modules build on the store.
import { TemplateEnrol, TemplateMeta } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { runMutation } from '../../platform/http/mutation';
import { AppError, notFound } from '../../platform/http/errors';
import { appendAudit } from '../../platform/audit/audit-log';
import { accessOf } from '../../platform/access/route-access';
import type { KeyRing } from '../../platform/crypto/envelope';
import { loadKeyRing } from '../../platform/crypto/kek-store';
import { storeTemplate } from '../../platform/crypto/template-store';

const IdParam = z.object({ id: z.string().uuid() });

export const templateRoutes = (db: Db, config: Config): FastifyPluginAsyncZod => async (app) => {
  // Loaded on first use and re-read when a rotation added a version; a missing key directory is a
  // 503 for this route only, not a server that will not start.
  let ring: KeyRing | null = null;
  const keys = (): KeyRing => {
    try {
      ring = loadKeyRing(config.biometricKekDir, { create: true });
    } catch (e) {
      throw new AppError('unavailable', `biometric storage is not available: ${(e as Error).message}`);
    }
    return ring;
  };

  app.post('/api/persons/:id/biometric-templates', {
    schema: { tags: ['biometrics'], summary: 'Enrol a biometric template for a person (stored encrypted, never returned)', params: IdParam, body: TemplateEnrol, response: { 201: TemplateMeta } },
    config: { access: 'biometrics:enrol' },
  }, (req, reply) => runMutation(db, req, reply, 201, async (tx) => {
    const ctx = ctxOf(req);
    // The route's permission (biometrics:enrol) is the action; the person must be one the examiner may see.
    const t = await accessOf(req).bind(tx);
    const person = await t.persons().select(['id', 'classification', 'operation_id', 'facility_id']).where('person.id', '=', req.params.id).executeTakeFirst();
    if (!person || !t.person({ classification: person.classification, operationId: person.operation_id, facilityId: person.facility_id }).read) throw notFound('the person');
    const bytes = Buffer.from(req.body.template, 'base64');
    const meta = await storeTemplate(tx, keys(), { personId: person.id, modality: req.body.modality, format: req.body.format, template: bytes, createdBy: ctx.actor.id });
    await appendAudit(tx, {
      actorId: ctx.actor.id, actor: ctx.actor.username, action: 'biometric.enrol', objectType: 'person', objectId: person.id, outcome: 'success',
      requestId: ctx.requestId, details: { templateId: meta.id, modality: meta.modality, format: meta.format, bytes: bytes.length, kekVersion: meta.kekVersion },
    });
    return meta;
  }));
};
