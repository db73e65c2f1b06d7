import { PLAN_VERSION, SCENARIO_VERSION, type Plan, type Scenario, type ScenarioInput, type Trip } from '../src/index';
import { exposureOf, makespanDays } from '../src/solve/exposure';
import { scheduleGreedy, type ScheduleInput } from '../src/solve/greedy-scheduler';
import { indexScenario } from '../src/solve/scenario-index';

/** One source, one destination, one UH-60 that can fly once a day: optimum is known by hand. */
export function tinyScenario(sources: { id: string; weight: number; persons: number; risk?: 'HVD' | 'high' | 'medium' | 'low' }[]): ScenarioInput {
  let n = 0;
  return {
    version: SCENARIO_VERSION, id: 'TEST-TINY', horizonDays: 10,
    facilities: [
      ...sources.map((s) => ({ id: s.id, kind: 'source' as const, riskWeight: s.weight })),
      { id: 'DST', kind: 'destination', dailyIntake: 100 },
    ],
    legs: sources.map((s) => ({ id: `L-${s.id}`, from: s.id, to: 'DST', mode: 'air' as const, durationHours: 1, assetTypes: ['UH-60'] })),
    assetTypes: [{ id: 'UH-60', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 3 }],
    assets: [{ id: 'H1', type: 'UH-60', homeBase: 'DST' }],
    persons: sources.flatMap((s) => Array.from({ length: s.persons }, () => ({ id: `P${++n}`, source: s.id, risk: s.risk ?? 'low' }))),
  };
}

/** A plan document around the given trips, with its exposure and makespan (for the validator and comparisons). */
export function planFromTrips(s: Scenario, trips: Trip[], unplanned: Plan['unplanned']): Plan {
  const ix = indexScenario(s);
  return {
    version: PLAN_VERSION, scenarioId: s.id, fixedBeforeHour: 0, trips, unplanned, notes: [],
    metrics: { exposure: exposureOf(ix, trips, new Set()), lowerBound: 0, gap: 0, makespanDays: makespanDays(trips), solveSeconds: 0, persons: s.persons.length, planned: s.persons.length - unplanned.length, trips: trips.length },
  };
}

/** The constructive scheduler alone on the scenario (with the given options), as a plan document. */
export function greedyPlan(s: Scenario, extra: Partial<ScheduleInput> = {}): Plan {
  const r = scheduleGreedy(indexScenario(s), { startHour: 0, fixedTrips: [], idPrefix: '', ...extra });
  return planFromTrips(s, r.trips, r.unplanned);
}
