import { z } from 'zod';

/** FollowTheMoney-style query, as accepted by OpenSanctions yente's /match endpoint. */
export const MatchQuerySchema = z.object({
  schema: z.enum(['Person', 'LegalEntity', 'Organization', 'Company', 'Thing']).default('Person').describe('FollowTheMoney schema of the queried thing'),
  properties: z
    .object({
      name: z.array(z.string().trim().min(1).max(300)).min(1).max(20).describe('Names in any script; all are tried'),
      birthDate: z.array(z.string().trim().min(1).max(40)).max(10).optional().describe('YYYY, YYYY-MM, YYYY-MM-DD, "circa YYYY", "YYYY to YYYY"'),
      nationality: z.array(z.string().trim().min(1).max(80)).max(10).optional().describe('ISO 3166 codes or country names'),
      birthPlace: z.array(z.string().trim().min(1).max(300)).max(10).optional(),
      idNumber: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
      passportNumber: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
    })
    .strict(),
});
export type MatchQuery = z.input<typeof MatchQuerySchema>;

export const FeatureExplanationSchema = z.object({
  feature: z.enum(['name', 'birthDate', 'nationality', 'birthPlace', 'identifier']),
  score: z.number().describe('-1 contradicts .. 1 agrees (name: 0..1)'),
  weight: z.number().describe('How much this feature moved the total'),
  query: z.array(z.string()).describe('Query values involved'),
  matched: z.array(z.string()).describe('List values they were matched to'),
  detail: z.string().optional(),
});

export const MatchResultSchema = z.object({
  id: z.string().describe('Entry id, e.g. un:6908048'),
  caption: z.string().describe('Primary name of the entry'),
  schema: z.enum(['Person', 'Organization', 'Vessel', 'Airplane', 'Thing']),
  properties: z.object({
    name: z.array(z.string()),
    alias: z.array(z.string()),
    weakAlias: z.array(z.string()),
    birthDate: z.array(z.string()),
    birthPlace: z.array(z.string()),
    nationality: z.array(z.string()),
    idNumber: z.array(z.string()),
    program: z.array(z.string()),
    referenceNumber: z.array(z.string()),
  }),
  score: z.number().min(0).max(1),
  match: z.boolean().describe('score >= the operating threshold'),
  features: z.record(z.string(), z.number()).describe('yente-style feature -> score map'),
  explanation: z.array(FeatureExplanationSchema),
  datasets: z.array(z.string()),
  listVersion: z.string(),
});
export type MatchResult = z.infer<typeof MatchResultSchema>;

export const MatchRequestSchema = z.object({
  queries: z.record(z.string().min(1).max(100), MatchQuerySchema).refine((q) => Object.keys(q).length >= 1 && Object.keys(q).length <= 100, 'between 1 and 100 queries'),
});
export type MatchRequest = z.input<typeof MatchRequestSchema>;

export const MatchResponseSchema = z.object({
  responses: z.record(
    z.string(),
    z.object({
      status: z.literal(200),
      results: z.array(MatchResultSchema),
      total: z.object({ value: z.number().int() }),
    }),
  ),
  threshold: z.number(),
  limit: z.number().int(),
});
export type MatchResponse = z.infer<typeof MatchResponseSchema>;
