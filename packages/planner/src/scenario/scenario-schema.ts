import { z } from 'zod';

/**
 * Scenario format `planner-scenario/1`. Times: days are integers from 0 (plan start); hours are
 * absolute decimal hours from plan start (day d covers [24d, 24d+24)).
 */
export const SCENARIO_VERSION = 'planner-scenario/1';

export const RiskClassSchema = z.enum(['HVD', 'high', 'medium', 'low']);
export type RiskClass = z.infer<typeof RiskClassSchema>;
export const RISK_CLASSES: readonly RiskClass[] = ['HVD', 'high', 'medium', 'low'];

const id = z.string().min(1).max(200);
const day = z.number().int().min(0);
const hours = z.number().min(0);

export const RiskClassRuleSchema = z.object({
  /** persons per guard: 2 means one guard seat for every 2 (or fewer) persons of this class */
  guardRatio: z.number().int().min(1),
  /** multiplier on the source risk weight for one waiting day */
  exposureMultiplier: z.number().min(0),
});

export const DayValueSchema = z.object({ fromDay: day, value: z.number().min(0) });

export const FacilitySchema = z.object({
  id,
  name: z.string().optional(),
  kind: z.enum(['source', 'staging', 'destination']),
  /** source: risk weight of one person-day waiting here; may change by day via riskByDay */
  riskWeight: z.number().min(0).optional(),
  riskByDay: z.array(DayValueSchema).optional(),
  /** staging: persons held at any instant */
  holdingCapacity: z.number().int().min(0).optional(),
  /** staging: hours a person may stay between arrival and onward departure */
  maxDwellHours: hours.optional(),
  /** destination: arrivals per day (by arrival day); may change by day via intakeByDay */
  dailyIntake: z.number().int().min(0).optional(),
  intakeByDay: z.array(DayValueSchema).optional(),
});
export type Facility = z.infer<typeof FacilitySchema>;

export const LegSchema = z.object({
  id,
  from: id,
  to: id,
  mode: z.enum(['air', 'road']),
  durationHours: z.number().gt(0).lt(24),
  /** permitted departure hours of day; fromHour > toHour wraps midnight (night-only flights) */
  departWindow: z.object({ fromHour: z.number().min(0).max(24), toHour: z.number().min(0).max(24) }).optional(),
  /** days on which no departure is permitted (road closures, weather) */
  closedDays: z.array(day).optional(),
  assetTypes: z.array(id).min(1),
});
export type Leg = z.infer<typeof LegSchema>;

export const AssetTypeSchema = z.object({
  id,
  mode: z.enum(['air', 'road']),
  /** transport carries persons; escort protects road convoys and carries none */
  role: z.enum(['transport', 'escort']).default('transport'),
  /** defaults by id: CH-47 33, UH-60 11, Mi-17 22, C-130 92, bus 45 */
  seats: z.number().int().min(0).optional(),
  turnaroundHours: hours.default(1),
  /** hours a vehicle may be committed per day (sum of trip cycles departing that day) */
  dutyHoursPerDay: z.number().gt(0).max(24),
});
export type AssetType = z.infer<typeof AssetTypeSchema>;

export const AssetSchema = z.object({
  id,
  type: id,
  homeBase: id,
  availableFromDay: day.default(0),
  /** exclusive; absent = until the end of the horizon */
  availableToDay: day.optional(),
  downDays: z.array(day).optional(),
});
export type Asset = z.infer<typeof AssetSchema>;

export const PersonSchema = z.object({
  id,
  source: id,
  risk: RiskClassSchema,
  /** first day the person may depart (identity, medical, non-refoulement clearance) */
  earliestDay: day.default(0),
  category: z.string().min(1).default('adult'),
  /** persons sharing any group id must never share a vehicle (co-accused, rival factions) */
  separationGroups: z.array(id).optional(),
  /** set when the person must not be moved (minor on an adult roster, unfit to travel...) */
  ineligible: z.object({ reason: z.string().min(1) }).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const ScenarioSchema = z.object({
  version: z.literal(SCENARIO_VERSION),
  id,
  name: z.string().optional(),
  synthetic: z.boolean().optional(),
  horizonDays: z.number().int().min(1).max(366),
  riskClasses: z
    .object({ HVD: RiskClassRuleSchema, high: RiskClassRuleSchema, medium: RiskClassRuleSchema, low: RiskClassRuleSchema })
    .partial()
    .optional(),
  convoy: z
    .object({ minEscort: z.number().int().min(0), maxVehicles: z.number().int().min(1) })
    .default({ minEscort: 2, maxVehicles: 7 }),
  /** pairs of person categories that may not share a vehicle */
  categorySeparation: z.array(z.tuple([z.string(), z.string()])).default([]),
  facilities: z.array(FacilitySchema).min(1),
  legs: z.array(LegSchema).min(1),
  assetTypes: z.array(AssetTypeSchema).min(1),
  assets: z.array(AssetSchema).min(1),
  persons: z.array(PersonSchema),
});
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;

export const DEFAULT_SEATS: Readonly<Record<string, number>> = { 'CH-47': 33, 'UH-60': 11, 'Mi-17': 22, 'C-130': 92, bus: 45 };
export const DEFAULT_RISK_RULES: Readonly<Record<RiskClass, z.infer<typeof RiskClassRuleSchema>>> = {
  HVD: { guardRatio: 2, exposureMultiplier: 5 },
  high: { guardRatio: 4, exposureMultiplier: 2 },
  medium: { guardRatio: 6, exposureMultiplier: 1 },
  low: { guardRatio: 6, exposureMultiplier: 0.5 },
};
