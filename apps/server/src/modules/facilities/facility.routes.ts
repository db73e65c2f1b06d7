import { Facility, FacilityCreate, FacilityRiskEntry, FacilityUpdate } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { accessOf } from '../../platform/access/route-access';
import { etag, requireIfMatch, runMutation } from '../../platform/http/mutation';
import { createFacility, facilityRiskHistory, getFacility, listFacilities, updateFacility } from './facility.service';

const IdParam = z.object({ id: z.string().uuid() });

export const facilityRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/facilities', {
    schema: { tags: ['facilities'], querystring: z.object({ operationId: z.string().uuid().optional() }), response: { 200: z.array(Facility) } },
    config: { access: 'facilities:read' },
  }, (req) => listFacilities(accessOf(req), req.query.operationId));

  app.get('/api/facilities/:id', {
    schema: { tags: ['facilities'], params: IdParam, response: { 200: Facility } },
    config: { access: 'facilities:read' },
  }, async (req, reply) => {
    const f = await getFacility(accessOf(req), req.params.id);
    void reply.header('etag', etag(f.version));
    return f;
  });

  app.get('/api/facilities/:id/risk-history', {
    schema: { tags: ['facilities'], params: IdParam, response: { 200: z.array(FacilityRiskEntry) } },
    config: { access: 'facilities:read' },
  }, (req) => facilityRiskHistory(accessOf(req), req.params.id));

  app.post('/api/facilities', {
    schema: { tags: ['facilities'], body: FacilityCreate.extend({ operationId: z.string().uuid() }), response: { 201: Facility } },
    config: { access: 'facilities:write' },
  }, (req, reply) => {
    const { operationId, ...input } = req.body;
    return runMutation(db, req, reply, 201, (tx) => createFacility(accessOf(req), tx, ctxOf(req), operationId, input));
  });

  app.patch('/api/facilities/:id', {
    schema: { tags: ['facilities'], params: IdParam, body: FacilityUpdate, response: { 200: Facility } },
    config: { access: 'facilities:write' },
  }, async (req, reply) => {
    const version = requireIfMatch(req);
    const f = await runMutation(db, req, reply, 200, (tx) => updateFacility(accessOf(req), tx, ctxOf(req), req.params.id, version, req.body));
    void reply.header('etag', etag(f.version));
    return f;
  });
};
