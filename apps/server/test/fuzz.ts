// R17: generated requests against every route — valid, boundary, wrong types, oversize, __proto__
// keys, odd Unicode. Shared by the quick run in `npm test` and the long one in test:reliability.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Harness } from './harness';
import { samplePerson } from './harness';

const oddStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', '\uFFFF', '\uD800', '‮ right-to-left override', 'محمد', '../../etc/passwd', "' OR 1=1 --", '%00', 'a'.repeat(5000), '__proto__', 'constructor', '-1', '1e309', 'NaN', 'null'),
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, oddStrings, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.oneof(oddStrings, fc.constant('__proto__'), fc.constant('constructor')), tie('value'), { maxKeys: 5 })),
})).value;

export async function fuzzRoutes(h: Harness, runs: number): Promise<{ requests: number; byStatus: Record<number, number> }> {
  const { facilityId } = await h.operation();
  const admin = await h.user(['ADMINISTRATOR', 'CUSTODY_OFFICER'], 'SECRET');
  const routes = h.app.routeAccess.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && r.url !== '/*' && r.url !== '/api/auth/logout' && r.url !== '/api/auth/password');
  const byStatus: Record<number, number> = {};
  let requests = 0;
  const valid = samplePerson(facilityId);
  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: fc.oneof(fc.uuid(), oddStrings),
          query: fc.dictionary(fc.constantFrom('q', 'page', 'pageSize', 'facilityId', 'riskClass', 'status', 'nationality', 'fileName', 'sourceList', 'responsibleAuthority', 'mapping', 'operationId', '__proto__'), oddStrings, { maxKeys: 5 }),
          body: fc.oneof(jsonish, fc.constant(valid), fc.record({ ...Object.fromEntries(Object.keys(valid).map((k) => [k, fc.oneof(jsonish, fc.constant((valid as Record<string, unknown>)[k]))])) })),
          raw: fc.oneof(fc.constant(null), oddStrings),
          authed: fc.boolean(),
          contentType: fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/xml'),
        }),
        async (c) => {
          // A lone surrogate cannot be percent-encoded at all; a client would send U+FFFD in its place.
          const url = route.url.replace(':id', encodeURIComponent(c.id.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')));
          const qs = new URLSearchParams(c.query as Record<string, string>).toString();
          const hasBody = route.method !== 'GET';
          const res = await h.app.inject({
            method: route.method as 'GET', url: `${url}${qs ? `?${qs}` : ''}`,
            headers: { ...(c.authed ? { cookie: admin.cookie } : {}), ...(hasBody ? { 'content-type': c.contentType } : {}), 'if-match': '"1"' },
            ...(hasBody ? { payload: c.raw ?? JSON.stringify(c.body) } : {}),
          });
          requests++;
          byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
          assert.ok(res.statusCode < 500, `${route.method} ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
          if (res.statusCode >= 400) {
            assert.match(String(res.headers['content-type']), /application\/problem\+json/, `${route.method} ${url}`);
            assert.doesNotMatch(res.body, /\bat [\w.<>]+ \(|node_modules|syntax error at or near|violates/i);
          }
        },
      ),
      { numRuns: runs, seed: 20261123 },
    );
  }
  const health = await h.app.inject({ method: 'GET', url: '/health' });
  assert.equal(health.statusCode, 200, 'the process stays up');
  return { requests, byStatus };
}
