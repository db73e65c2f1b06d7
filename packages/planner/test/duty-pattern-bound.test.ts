import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, planTransferWaves, SCENARIO_VERSION, validatePlan, type ScenarioInput } from '../src/index';
import { exposureLowerBound, maximalPatterns } from '../src/solve/lower-bound';
import { indexScenario } from '../src/solve/scenario-index';

void test('maximal duty patterns: counts per leg that fit the duty and to which no trip can be added', () => {
  // cycles 8 h and 3 h, 12 h duty: {8, 3} or {3, 3, 3, 3}; {8} and {3, 3} are not maximal
  assert.deepEqual(maximalPatterns([8, 3], [1, 4], 12, 100)?.map((p) => p.join(',')).sort(), ['0,4', '1,1']);
  // a window allowing only 2 runs of the 3 h leg: {8, 3} and {3, 3}
  assert.deepEqual(maximalPatterns([8, 3], [1, 2], 12, 100)?.map((p) => p.join(',')).sort(), ['0,2', '1,1']);
  assert.equal(maximalPatterns([1, 1, 1], [12, 12, 12], 12, 10), undefined); // too many: caller keeps the pooled row
});

/**
 * One UH-60 (11 seats: 9 low-risk persons with guards), 12 h duty; source A (weight 5, 9 persons) is
 * an 8 h cycle away, source B (weight 1, 18 persons) a 3 h cycle. Best: day 0 one A run and one B
 * run (11 h), day 1 the other 9 of B: exposure 9 x 1 x 0.5 = 4.5. With whole guards a run carries
 * at most 9 persons, so A needs a = 1 run. Pooled duty (8a + 3b <= 12) lets the LP fly b = 4/3 B runs
 * on day 0 (bound 0.5 x (18 - 12) = 3); per-vehicle patterns ({A, B} or {B, B, B, B}, a <= y1,
 * b <= y1 + 4 y2, y1 + y2 <= 1) allow only b = 4 - 3a = 1, so the bound is 0.5 x (18 - 9) = 4.5:
 * the optimum (with fractional guards, 9.43 persons a run, patterns lifted it from 2.14 to 3.64).
 */
function patternScenario(): ScenarioInput {
  let n = 0;
  return {
    version: SCENARIO_VERSION, id: 'TEST-PATTERN', horizonDays: 6,
    facilities: [{ id: 'A', kind: 'source', riskWeight: 5 }, { id: 'B', kind: 'source', riskWeight: 1 }, { id: 'DST', kind: 'destination', dailyIntake: 100 }],
    legs: [
      { id: 'L-A', from: 'A', to: 'DST', mode: 'air', durationHours: 3.5, assetTypes: ['UH-60'] },
      { id: 'L-B', from: 'B', to: 'DST', mode: 'air', durationHours: 1, assetTypes: ['UH-60'] },
    ],
    assetTypes: [{ id: 'UH-60', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'H1', type: 'UH-60', homeBase: 'DST' }],
    persons: [...Array.from({ length: 9 }, () => ({ id: `P${++n}`, source: 'A', risk: 'low' as const })), ...Array.from({ length: 18 }, () => ({ id: `P${++n}`, source: 'B', risk: 'low' as const }))],
  };
}

void test('per-vehicle duty patterns tighten the bound from 3 (pooled duty) to the optimum 4.5', async () => {
  const s = parseScenario(patternScenario());
  const ix = indexScenario(s);
  const state = { startDay: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })), atStaging: [], fixedExposure: 0 };
  const pooled = await exposureLowerBound(ix, state, { timeLimitSeconds: 30, dutyPatterns: false });
  assert.ok(Math.abs(pooled.lowerBound - 3) < 1e-6, `pooled bound ${pooled.lowerBound}`);
  const plan = await planTransferWaves(s);
  assert.deepEqual(validatePlan(s, plan), []);
  assert.equal(plan.metrics.exposure, 4.5);
  assert.ok(Math.abs(plan.metrics.lowerBound - 4.5) < 1e-6, `bound ${plan.metrics.lowerBound}`);
});
