import { z } from 'zod';

// The audit view: who did what to which record, when, and with what outcome.
export const AUDIT_OUTCOMES = ['success', 'denied', 'failed', 'error'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

const Seq = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a sequence number');
const Text = (max: number) => z.string().trim().min(1).max(max);

const AuditFilterFields = {
  objectId: Text(200).optional().describe('the record concerned, e.g. a person\'s id'),
  actor: Text(100).optional().describe('user name as recorded (exact)'),
  action: Text(100).optional().describe('exact action, or a prefix ending in "." (e.g. "person.")'),
  outcome: AuditOutcome.optional(),
  requestId: Text(100).optional(),
  routine: z.enum(['show', 'hide']).optional().describe('hide: leave out the rows of API calls that succeeded without a domain event of their own (action "request", outcome success: page loads, session checks); denials and failures stay'),
  from: z.string().datetime({ offset: true }).optional().describe('at or after this time'),
  to: z.string().datetime({ offset: true }).optional().describe('before this time'),
};
const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || new Date(q.from) < new Date(q.to);

export const AuditFilter = z.object(AuditFilterFields).strict().refine(fromBeforeTo, { message: 'from must be before to', path: ['to'] });
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditQuery = z.object({
  ...AuditFilterFields,
  before: Seq.optional().describe('keyset cursor: only entries with a smaller sequence number (nextBefore of the previous page)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict().refine(fromBeforeTo, { message: 'from must be before to', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  seq: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  nextBefore: z.string().nullable().describe('pass as `before` for the next (older) page; null on the last page'),
});
export type AuditPage = z.infer<typeof AuditPage>;

// Signed JSON export: rows with their chain hashes and Merkle inclusion proofs against a signed
// checkpoint, so that someone outside can check them with `custodian audit verify --export FILE`.
export const AUDIT_EXPORT_FORMAT = 'custodian-audit-export v1';

// Biometric templates (stored encrypted; the template bytes never come back through the API).
export const BIOMETRIC_MODALITIES = ['FINGERPRINT', 'FACE', 'IRIS'] as const;
export const TemplateEnrol = z.object({
  modality: z.enum(BIOMETRIC_MODALITIES),
  format: z.string().regex(/^[A-Za-z0-9._:-]{1,60}$/, 'a format name: letters, digits, . _ : -'),
  template: z.string().min(4).max(1_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64').describe('the template bytes, base64'),
}).strict();
export type TemplateEnrol = z.infer<typeof TemplateEnrol>;
export const TemplateMeta = z.object({
  id: z.string().uuid(), personId: z.string().uuid(), modality: z.string(), format: z.string(), kekVersion: z.number().int(), createdAt: z.string(),
});
export type TemplateMeta = z.infer<typeof TemplateMeta>;
