import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, planTransferWaves, SCENARIO_VERSION, validatePlan, type ScenarioInput } from '../src/index';
import { exposureLowerBound } from '../src/solve/lower-bound';
import { indexScenario } from '../src/solve/scenario-index';

/**
 * Three buses, three escorts, convoys of at most 2 buses with 2 escorts, one departure a day (window
 * 06:00-06:00, cycle 5 h, duty 6 h): only one convoy a day can form, so 2 x 38 low-risk persons leave
 * on day 0 and the last 38 on day 1. Exact optimum: 38 x weight 1 x 0.5 = 19. The LP splits convoys
 * (escorts >= 2/2 per bus: 3 buses on day 0, bound 0); the MILP with whole convoys allows 2 buses on
 * day 0, each carrying at most 38 persons with whole guards (38 + 7 = 45 seats), so its bound is
 * 0.5 x (114 - 76) = 19: well above the LP and exactly the optimum (an over-tight convoy row, e.g.
 * one convoy per 2 days or 1 bus per convoy, would push it above).
 */
function convoyScenario(): ScenarioInput {
  return {
    version: SCENARIO_VERSION, id: 'TEST-CONVOY', horizonDays: 6,
    convoy: { minEscort: 2, maxVehicles: 2 },
    facilities: [{ id: 'S', kind: 'source', riskWeight: 1 }, { id: 'DST', kind: 'destination', dailyIntake: 500 }],
    legs: [{ id: 'L-S', from: 'S', to: 'DST', mode: 'road', durationHours: 2, departWindow: { fromHour: 6, toHour: 6 }, assetTypes: ['bus'] }],
    assetTypes: [
      { id: 'bus', mode: 'road', role: 'transport', turnaroundHours: 1, dutyHoursPerDay: 6 },
      { id: 'MRAP', mode: 'road', role: 'escort', seats: 0, turnaroundHours: 1, dutyHoursPerDay: 6 },
    ],
    assets: [
      ...[1, 2, 3].map((i) => ({ id: `B${i}`, type: 'bus', homeBase: 'DST' })),
      ...[1, 2, 3].map((i) => ({ id: `E${i}`, type: 'MRAP', homeBase: 'DST' })),
    ],
    persons: Array.from({ length: 114 }, (_, i) => ({ id: `P${i}`, source: 'S', risk: 'low' as const })),
  };
}

void test('whole convoys: the MILP dual bound rises well above the LP value and does not exceed the exact optimum', async () => {
  const s = parseScenario(convoyScenario());
  const ix = indexScenario(s);
  const state = { startDay: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })), atStaging: [], fixedExposure: 0 };
  const lp = await exposureLowerBound(ix, state, { timeLimitSeconds: 30 });
  const mip = await exposureLowerBound(ix, state, { timeLimitSeconds: 30, mipSeconds: 30 });
  assert.ok(lp.lowerBound < 1e-6, `LP bound ${lp.lowerBound}`);
  assert.ok(Math.abs(mip.lowerBound - 0.5 * (114 - 2 * 38)) < 1e-6, `MILP bound ${mip.lowerBound} (${mip.status})`);
  assert.ok(mip.lowerBound <= 19 + 1e-9);
  const plan = await planTransferWaves(s);
  assert.deepEqual(validatePlan(s, plan), []);
  assert.equal(plan.metrics.exposure, 19);
});
