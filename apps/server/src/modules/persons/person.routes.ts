import { Person, PersonCreate, PersonPage, PersonSearch, PersonUpdate } from '@custodian/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/connect';
import { ctxOf } from '../../platform/http/context';
import { accessOf } from '../../platform/access/route-access';
import { etag, requireIfMatch, runMutation } from '../../platform/http/mutation';
import { wakeScreeningWorkers } from '../screening/screening-run.repo';
import { createPerson, listPersons, readPerson, updatePerson } from './person.service';

const IdParam = z.object({ id: z.string().uuid() });

export const personRoutes = (db: Db): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/persons', {
    schema: { tags: ['persons'], summary: 'Search the registry by any spelling, number or filter', querystring: PersonSearch, response: { 200: PersonPage } },
    config: { access: 'persons:read' },
  }, (req) => listPersons(accessOf(req), ctxOf(req), req.query));

  app.get('/api/persons/:id', {
    schema: { tags: ['persons'], summary: 'A person\'s record', params: IdParam, response: { 200: Person } },
    config: { access: 'persons:read' },
  }, async (req, reply) => {
    const person = await readPerson(accessOf(req), ctxOf(req), req.params.id);
    void reply.header('etag', etag(person.version));
    return person;
  });

  app.post('/api/persons', {
    schema: { tags: ['persons'], summary: 'Register a person (intake)', body: PersonCreate, response: { 201: Person } },
    config: { access: 'persons:write' },
  }, async (req, reply) => {
    const person = await runMutation(db, req, reply, 201, (tx) => createPerson(accessOf(req), tx, ctxOf(req), req.body));
    wakeScreeningWorkers();
    void reply.header('etag', etag(person.version));
    return person;
  });

  app.patch('/api/persons/:id', {
    schema: { tags: ['persons'], summary: 'Correct a person\'s record (If-Match required)', params: IdParam, body: PersonUpdate, response: { 200: Person } },
    config: { access: 'persons:write' },
  }, async (req, reply) => {
    const version = requireIfMatch(req);
    const person = await runMutation(db, req, reply, 200, (tx) => updatePerson(accessOf(req), tx, ctxOf(req), req.params.id, version, req.body));
    wakeScreeningWorkers();
    void reply.header('etag', etag(person.version));
    return person;
  });
};
