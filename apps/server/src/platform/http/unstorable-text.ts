import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

// PostgreSQL cannot store NUL or a lone UTF-16 surrogate in text. Such input is refused at the
// edge with its location, before validation or any query, instead of surfacing as a database error.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findUnstorable(v: unknown, path: string, depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof v === 'string') return UNSTORABLE.test(v) ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = findUnstorable(v[i], `${path}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    for (const [k, x] of Object.entries(v)) {
      const hit = UNSTORABLE.test(k) ? `${path}.(key)` : findUnstorable(x, `${path}.${k}`, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

export function registerUnstorableTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const where = findUnstorable(req.params, 'params') ?? findUnstorable(req.query, 'query') ?? findUnstorable(req.body, 'body');
    if (where) throw new AppError('validation_failed', 'the request contains a NUL character or an invalid Unicode sequence', [{ path: where, message: 'not storable text' }]);
  });
}
