import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, SCENARIO_VERSION, validatePlan, type Plan, type Scenario } from '../src/index';
import { greedyPlan as planOf } from './fixtures';

/**
 * Staging holds 9 and a C-130 empties it at 00:00-00:15 from day 1 on. One UH-60 serves a hot prison
 * (weight 5, 2 h away) and a calm one (weight 1, 30 min away). The guide, like the LP, moves the hot
 * prison on day 0 and the calm one on day 1, but the hot leg is closed on day 0: the plan can only
 * follow it a day late.
 */
function lateGuide(): Scenario {
  return parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-CATCH-UP', horizonDays: 6,
    facilities: [
      { id: 'CALM', kind: 'source', riskWeight: 1 }, { id: 'HOT', kind: 'source', riskWeight: 5 },
      { id: 'STG', kind: 'staging', holdingCapacity: 9, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 100 },
    ],
    legs: [
      { id: 'L-CALM', from: 'CALM', to: 'STG', mode: 'air', durationHours: 0.5, assetTypes: ['UH-60'] },
      { id: 'L-HOT', from: 'HOT', to: 'STG', mode: 'air', durationHours: 2, assetTypes: ['UH-60'], closedDays: [0] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 1, assetTypes: ['C-130'], departWindow: { fromHour: 0, toHour: 0.25 } },
    ],
    assetTypes: [
      { id: 'UH-60', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 },
      { id: 'C-130', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 },
    ],
    assets: [{ id: 'H1', type: 'UH-60', homeBase: 'STG' }, { id: 'C1', type: 'C-130', homeBase: 'STG', availableFromDay: 1 }],
    persons: [
      ...Array.from({ length: 9 }, (_, i) => ({ id: `C${i + 1}`, source: 'CALM', risk: 'low' as const })),
      ...Array.from({ length: 9 }, (_, i) => ({ id: `H${i + 1}`, source: 'HOT', risk: 'low' as const })),
    ],
  });
}
const sourceGuide = new Map([['HOT|low|0', 9], ['CALM|low|1', 9]]);
const firstDay = (p: Plan, legId: string) => Math.min(...p.trips.filter((t) => t.legId === legId && t.persons.length > 0).map((t) => Math.floor(t.departHour / 24)));

void test('catch-up: persons the guide moved on a day the plan could not follow keep their value the next day', () => {
  const s = lateGuide();
  // (capped, so nobody leaves the calm prison on day 0)
  // the guide's own day only: on day 1 the hot persons are beyond it and worth 1 %, the calm ones take the room
  const daily = planOf(s, { sourceCap: 0, sourceGuide });
  assert.deepEqual(validatePlan(s, daily), []);
  assert.equal(firstDay(daily, 'L-CALM'), 1);
  assert.ok(firstDay(daily, 'L-HOT') >= 2);
  // catching up: on day 1 the hot persons lag the guide, count fully (5 x 0.5 a day) and go first
  const caught = planOf(s, { sourceCap: 0, sourceGuide, guideCatchUp: true });
  assert.deepEqual(validatePlan(s, caught), []);
  assert.equal(firstDay(caught, 'L-HOT'), 1);
  assert.ok(firstDay(caught, 'L-CALM') >= 2);
  // the hot persons wait day 0 only (9 x 2.5); the calm ones' extra days cost a fifth of that each
  assert.ok(caught.metrics.exposure < daily.metrics.exposure);
  assert.equal(caught.metrics.exposure, 22.5 + 4.5 * firstDay(caught, 'L-CALM'));
});

void test('catch-up legs: a source leg the trip guide no longer flies counts as guided while its source lags', () => {
  const s = lateGuide();
  // the LP flew the hot leg on day 0 only and the calm leg on day 1
  const tripGuide = new Map([['L-HOT|UH-60|0', 1], ['L-CALM|UH-60|1', 1], ['L-OUT|C-130|1', 1], ['L-OUT|C-130|2', 1]]);
  const unguided = planOf(s, { sourceCap: 0, sourceGuide, tripGuide, guideCatchUp: true });
  assert.deepEqual(validatePlan(s, unguided), []);
  assert.equal(firstDay(unguided, 'L-CALM'), 1);
  // 9 hot persons behind at the end of day 0, at least half a UH-60 load (11 seats): the hot leg counts as guided
  const legs = planOf(s, { sourceCap: 0, sourceGuide, tripGuide, guideCatchUp: true, catchUpLegs: 0.5 });
  assert.deepEqual(validatePlan(s, legs), []);
  assert.equal(firstDay(legs, 'L-HOT'), 1);
  assert.ok(firstDay(legs, 'L-CALM') >= 2);
  // a whole load (11) is more than the 9 behind: not guided
  const whole = planOf(s, { sourceCap: 0, sourceGuide, tripGuide, guideCatchUp: true, catchUpLegs: 1 });
  assert.equal(firstDay(whole, 'L-CALM'), 1);
});
