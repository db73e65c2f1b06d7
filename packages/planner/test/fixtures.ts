import { SCENARIO_VERSION, type ScenarioInput } from '../src/index';

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
