import { ERROR_STATUS, type ErrorCode, type Problem } from '@custodian/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly errors?: FieldError[]) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
export const forbidden = (why: string) => new AppError('forbidden', why);
export const conflict = (why: string) => new AppError('conflict', why);
export const invalid = (message: string, errors?: FieldError[]) => new AppError('validation_failed', message, errors);

const TITLES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  precondition_failed: 'The record changed since you read it',
  payload_too_large: 'Too large',
  uri_too_long: 'URL too long',
  unsupported_media_type: 'Unsupported media type',
  validation_failed: 'Invalid input',
  precondition_required: 'If-Match header required',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  unavailable: 'Service unavailable',
};

export function problem(code: ErrorCode, detail: string | undefined, requestId: string, errors?: FieldError[]): Problem {
  return {
    type: `https://custodian.invalid/problems/${code}`,
    title: TITLES[code],
    status: ERROR_STATUS[code],
    code,
    ...(detail ? { detail } : {}),
    requestId,
    ...(errors && errors.length ? { errors } : {}),
  };
}

type ValidationIssue = { instancePath?: string; message?: string; params?: Record<string, unknown> };

function fromValidation(err: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }): FieldError[] {
  return (err.validation ?? []).map((v) => {
    const issue = v.params?.issue as { path?: PropertyKey[]; message?: string } | undefined;
    const issuePath = issue?.path?.map(String).join('.') ?? v.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const where = [err.validationContext, issuePath].filter(Boolean).join('.');
    return { path: where || '(root)', message: issue?.message ?? v.message ?? 'invalid' };
  });
}

// Map everything to one closed set of problem+json answers. Bad input is never a 500, and a 500
// never carries a stack, SQL or data: the request id is the link to the server log.
export function classify(err: unknown): { code: ErrorCode; detail?: string; errors?: FieldError[] } {
  if (err instanceof AppError) return { code: err.code, detail: err.message, errors: err.errors };
  const e = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (e?.validation) return { code: 'validation_failed', detail: 'the request does not match the schema', errors: fromValidation(e) };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return { code: 'payload_too_large', detail: 'the request body is larger than allowed' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return { code: 'unsupported_media_type', detail: 'send application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return { code: 'bad_request', detail: 'the body is not valid JSON' };
    case 'FST_ERR_INVALID_URL':
    case 'FST_ERR_BAD_URL': return { code: 'bad_request', detail: 'the URL is malformed' };
    case 'FST_ERR_MAX_PARAM_LENGTH': return { code: 'uri_too_long', detail: 'a path parameter is longer than any identifier' };
  }
  if (e instanceof SyntaxError) return { code: 'bad_request', detail: 'the body is not valid JSON' };
  if (e?.statusCode === 429) return { code: 'rate_limited', detail: 'too many requests; slow down' };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === e.statusCode)?.[0] ?? 'bad_request') as ErrorCode;
    return { code, detail: code === 'bad_request' ? 'the request is malformed' : undefined };
  }
  return { code: 'internal' };
}

// Errors Fastify raises while routing, before any handler or hook: same closed set, same shape.
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const c = classify(err);
  void reply.code(ERROR_STATUS[c.code]).type('application/problem+json').send(problem(c.code, c.detail, req.id, c.errors));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const c = classify(err);
    if (c.code === 'internal') req.log.error({ err }, 'unhandled error');
    void reply
      .code(ERROR_STATUS[c.code])
      .type('application/problem+json')
      .send(problem(c.code, c.detail, req.id, c.errors));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).type('application/problem+json').send(problem('not_found', 'no such route', req.id));
  });
}
