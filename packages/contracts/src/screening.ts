import { z } from 'zod';

// Watchlist versions, screening runs and the hit review queue (issue 6). The /match endpoint's
// shapes live in @custodian/screening (yente-compatible), since only the server and clients of the
// yente API use them.

const Id = z.string().uuid();
const IsoDateTime = z.string().datetime({ offset: true });

export const WatchlistSource = z.enum(['un', 'ofac', 'local']).describe('UN Security Council consolidated list, US OFAC SDN, or a local list');
export type WatchlistSource = z.infer<typeof WatchlistSource>;

export const WatchlistVersion = z.object({
  id: Id,
  source: WatchlistSource,
  publishedOn: z.string().describe('Publication date or version as the publisher states it (UN dateGenerated, OFAC publish date)'),
  fileName: z.string(),
  checksum: z.string().describe('SHA-256 of the loaded file(s), hex'),
  entryCount: z.number().int().nonnegative(),
  previousVersionId: Id.nullable().describe('Version of the same source this one replaced; the diff is against it'),
  diff: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
  current: z.boolean().describe('True for the version screening uses now'),
  loadedBy: z.string(),
  loadedAt: IsoDateTime,
});
export type WatchlistVersion = z.infer<typeof WatchlistVersion>;

export const WatchlistUploadQuery = z.object({
  source: WatchlistSource,
  fileName: z.string().min(1).max(300),
  publishedOn: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM-DD or YYYY-MM').optional()
    .describe('Needed for OFAC CSV and local lists, whose files carry no date; UN and OFAC XML state their own'),
});

export const WatchlistDiffChange = z.enum(['added', 'removed', 'changed']);
export const WatchlistDiffItem = z.object({
  change: WatchlistDiffChange,
  entryId: z.string().describe('e.g. un:6908048'),
  caption: z.string(),
  changedFields: z.array(z.string()).describe('For changed entries: names, datesOfBirth, nationalities, ...'),
});
export const WatchlistDiffQuery = z.object({
  change: WatchlistDiffChange.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export const WatchlistDiff = z.object({
  versionId: Id,
  previousVersionId: Id.nullable(),
  counts: WatchlistVersion.shape.diff,
  items: z.array(WatchlistDiffItem),
  total: z.number().int().describe('Items matching the filter, all pages'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type WatchlistDiff = z.infer<typeof WatchlistDiff>;

export const ScreeningRun = z.object({
  id: Id,
  trigger: z.enum(['list', 'import', 'manual', 'record']).describe('What queued it: a list version loaded, a roster committed, a person registered or corrected by hand'),
  scope: z.enum(['all', 'import', 'person']),
  personId: Id.nullable().describe('The person a run of scope person screens'),
  status: z.enum(['queued', 'running', 'complete', 'failed', 'superseded']),
  personsTotal: z.number().int().nullable(),
  personsDone: z.number().int(),
  hitsOpened: z.number().int(),
  hitsReopened: z.number().int(),
  hitsWithdrawn: z.number().int(),
  resumedCount: z.number().int().describe('Times the run was picked up again after its process stopped'),
  error: z.string().nullable(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});
export type ScreeningRun = z.infer<typeof ScreeningRun>;

export const HitStatus = z.enum(['open', 'confirmed', 'dismissed', 'withdrawn'])
  .describe('withdrawn: a re-screen no longer scores the pair at the threshold (entry delisted or record corrected)');
export type HitStatus = z.infer<typeof HitStatus>;

export const HitFeature = z.object({
  feature: z.enum(['name', 'birthDate', 'nationality', 'birthPlace', 'identifier']),
  score: z.number(),
  weight: z.number(),
  query: z.array(z.string()).describe('Detainee values involved'),
  matched: z.array(z.string()).describe('List values they matched'),
  detail: z.string().optional(),
});

export const HitSummary = z.object({
  id: Id,
  status: HitStatus,
  score: z.number(),
  personId: Id,
  personSystemNumber: z.string(),
  personName: z.string(),
  entryId: z.string(),
  entryCaption: z.string(),
  source: WatchlistSource,
  listPublishedOn: z.string(),
  firstSeenAt: IsoDateTime,
  screenedAt: IsoDateTime,
  reopenedBecause: z.string().nullable().describe('Why a dismissed pair came back: which record changed'),
});
export type HitSummary = z.infer<typeof HitSummary>;

export const HitSearch = z.object({
  status: HitStatus.optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type HitSearch = z.infer<typeof HitSearch>;

export const HitPage = z.object({ items: z.array(HitSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type HitPage = z.infer<typeof HitPage>;

const Values = z.array(z.string());
export const HitDetail = HitSummary.extend({
  version: z.number().int(),
  person: z.object({
    names: Values, birthDate: Values, nationality: Values, birthPlace: Values, idNumber: Values,
  }).describe('The detainee fields as screened'),
  entry: z.object({
    name: Values, alias: Values, weakAlias: Values, birthDate: Values, birthPlace: Values, nationality: Values,
    idNumber: Values, program: Values, referenceNumber: Values, remarks: z.string().nullable(),
  }).describe('The list entry as published in the version screened against'),
  features: z.array(HitFeature),
  decision: z.object({ by: z.string(), at: IsoDateTime, reason: z.string() }).nullable(),
});
export type HitDetail = z.infer<typeof HitDetail>;

export const HitDecision = z.object({
  decision: z.enum(['confirm', 'dismiss']),
  reason: z.string().trim().min(5, 'give a reason of at least 5 characters').max(2000).describe('Why the analyst judged so; kept in the audit log'),
});
export type HitDecision = z.infer<typeof HitDecision>;
