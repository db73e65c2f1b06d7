import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

// Serves the built web app. Routes are declared here (not by the static plugin) so they carry an
// access declaration like every other route; unknown paths fall back to index.html for the router.
export async function registerWebAssets(app: FastifyInstance, root: string | null): Promise<void> {
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    app.get('/', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/plain').send('Custodian API is running. The web app is not built: run `npm start` from the repository root, or see /api/docs.'));
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
    if (rel.startsWith('api/')) return reply.callNotFound();
    const file = path.resolve(root, rel);
    if (rel && file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const immutable = rel.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(rel);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
