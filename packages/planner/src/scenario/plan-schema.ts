import { z } from 'zod';

/** Plan format `planner-plan/1`: vehicle trips with manifests; journeys follow from the trips. */
export const PLAN_VERSION = 'planner-plan/1';

export const TripSchema = z.object({
  id: z.string().min(1),
  assetId: z.string().min(1),
  legId: z.string().min(1),
  /** absolute hours from plan start */
  departHour: z.number().min(0),
  arriveHour: z.number().min(0),
  /** road trips: vehicles (transport and escort) that move together share a convoy id */
  convoyId: z.string().optional(),
  role: z.enum(['transport', 'escort']),
  persons: z.array(z.string()),
  guards: z.number().int().min(0),
});
export type Trip = z.infer<typeof TripSchema>;

export const UnplannedSchema = z.object({ personId: z.string(), reason: z.string() });
export type Unplanned = z.infer<typeof UnplannedSchema>;

export const PlanMetricsSchema = z.object({
  /** sum over moved persons of waiting days at the source x source risk weight x class multiplier */
  exposure: z.number(),
  /** LP-relaxation lower bound on exposure; gap = (exposure - lowerBound) / exposure */
  lowerBound: z.number(),
  gap: z.number(),
  /** days from plan start until the last arrival (ceil of last arrival hour / 24) */
  makespanDays: z.number(),
  solveSeconds: z.number(),
  persons: z.number().int(),
  planned: z.number().int(),
  trips: z.number().int(),
});
export type PlanMetrics = z.infer<typeof PlanMetricsSchema>;

export const PlanSchema = z.object({
  version: z.literal(PLAN_VERSION),
  scenarioId: z.string(),
  /** trips departing before this hour were fixed (flown or in flight) when the plan was made */
  fixedBeforeHour: z.number().min(0).default(0),
  trips: z.array(TripSchema),
  unplanned: z.array(UnplannedSchema),
  metrics: PlanMetricsSchema,
  notes: z.array(z.string()).default([]),
});
export type Plan = z.infer<typeof PlanSchema>;

/** Disruption format `planner-disruption/1`, applied at the start of `atDay` (or at `atHour`). */
export const DISRUPTION_VERSION = 'planner-disruption/1';
export const DisruptionEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('asset-lost'), assetIds: z.array(z.string()).min(1), untilDay: z.number().int().optional() }),
  z.object({ kind: z.literal('leg-closed'), legId: z.string(), fromDay: z.number().int().min(0), toDay: z.number().int().min(0) }),
  z.object({ kind: z.literal('risk-weight'), facilityId: z.string(), fromDay: z.number().int().min(0), value: z.number().min(0) }),
  z.object({ kind: z.literal('person-ineligible'), personId: z.string(), reason: z.string().min(1) }),
]);
export type DisruptionEvent = z.infer<typeof DisruptionEventSchema>;
export const DisruptionSchema = z.object({
  version: z.literal(DISRUPTION_VERSION),
  atDay: z.number().int().min(0),
  /** optional finer time; defaults to atDay * 24 */
  atHour: z.number().min(0).optional(),
  description: z.string().optional(),
  events: z.array(DisruptionEventSchema).min(1),
});
export type Disruption = z.infer<typeof DisruptionSchema>;
