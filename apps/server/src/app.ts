import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { DbHandle } from './platform/db/connect';
import { frameworkErrorHandler, registerErrorHandling } from './platform/http/errors';
import { registerRouteAccess } from './platform/access/route-access';
import { registerAuditCoverage } from './platform/audit/audit-coverage';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { registerCsrfProtection } from './platform/http/csrf';
import { registerUnstorableTextGuard } from './platform/http/unstorable-text';
import { registerWebAssets } from './platform/http/web-assets';
import { healthRoutes } from './modules/health/health.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { userRoutes } from './modules/users/user.routes';
import { assignmentRoutes } from './platform/access/assignment.routes';
import { operationRoutes } from './modules/operations/operation.routes';
import { facilityRoutes } from './modules/facilities/facility.routes';
import { personRoutes } from './modules/persons/person.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { importRoutes } from './modules/imports/import.routes';
import { screeningRoutes } from './modules/screening/screening.routes';
import { ScreeningWorker } from './modules/screening/screening-worker';
import { auditRoutes } from './modules/audit/audit.routes';
import { templateRoutes } from './modules/biometric-templates/template.routes';
import { sealPlaintextTotpSecrets } from './platform/auth/totp-secrets';
import { loadKeyRing } from './platform/crypto/kek-store';

export type AppDeps = { handle: DbHandle; config: Config; webRoot?: string | null; logger?: boolean; logStream?: NodeJS.WritableStream };

// Redacted wherever they might appear in a log line: secrets and anything biometric.
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword', '*.template', '*.image'];

// A request line keeps the path and the names of query parameters, never their values: a search
// (`/api/persons?q=…`) carries names of detainees, and the log is read more widely than the registry.
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const keys = [...new URLSearchParams(url.slice(at + 1)).keys()];
  return `${url.slice(0, at)}?${keys.map((k) => `${encodeURIComponent(k)}=…`).join('&')}`;
}

const SERIALIZERS = {
  req: (req: { method: string; url: string; ip?: string; socket?: { remotePort?: number } }) =>
    ({ method: req.method, url: loggedUrl(req.url), remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { handle, config } = deps;
  // TOTP secrets from before migration 0008 are sealed before anything can read them (a no-op after).
  await sealPlaintextTotpSecrets(handle.db, () => loadKeyRing(config.biometricKekDir, { create: true }));
  const app = Fastify({
    logger: deps.logger ? { level: config.logLevel, redact: REDACT, serializers: SERIALIZERS, ...(deps.logStream ? { stream: deps.logStream } : {}) } : false,
    bodyLimit: config.bodyLimit,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  registerRouteAccess(app, handle.db, config);
  registerAuditCoverage(app, handle.db, config);
  registerUnstorableTextGuard(app);
  await app.register(cookie);
  registerCsrfProtection(app, handle.db, config); // after the cookie parser: a refusal names who was refused
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'Custodian API', version: '0.1.0', description: 'Registry, custody and transfer of detainees' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  await app.register(healthRoutes(handle));
  await app.register(authRoutes(handle.db, config));
  await app.register(userRoutes(handle.db));
  await app.register(assignmentRoutes(handle.db));
  await app.register(operationRoutes(handle.db));
  await app.register(facilityRoutes(handle.db));
  await app.register(personRoutes(handle.db));
  await app.register(dashboardRoutes(handle.db));
  await app.register(importRoutes(handle.db, config));
  await app.register(screeningRoutes(handle.db, config));
  // Screening runs (list loads, roster commits) are worked off in this process; PGlite has one owner,
  // so runs it finds 'running' at start were interrupted and resume from their cursor.
  const screening = new ScreeningWorker(handle.db, { exclusive: handle.engine === 'pglite', log: { info: (m) => app.log.info(m), error: (m) => app.log.error(m) } });
  app.addHook('onReady', () => screening.start());
  app.addHook('onClose', () => screening.stop());
  await app.register(auditRoutes(handle.db, config));
  await app.register(templateRoutes(handle.db, config));
  await registerWebAssets(app, deps.webRoot ?? null);
  return app;
}
