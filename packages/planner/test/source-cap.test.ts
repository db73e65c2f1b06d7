import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, SCENARIO_VERSION, validatePlan, type Plan, type Scenario } from '../src/index';
import { greedyPlan as planOf } from './fixtures';

/**
 * Staging holds 9 and one C-130 empties it at 00:00 from day 1 on. A Mi-17 reaches the calm prison
 * (weight 1) in 30 min, a UH-60 the hot one (weight 5) in 2 h: greedily the Mi-17's calm load lands
 * first and takes the room, so the hot prison waits a day.
 */
function stagingBound(): Scenario {
  return parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-SOURCE-CAP', horizonDays: 6,
    facilities: [
      { id: 'CALM', kind: 'source', riskWeight: 1 }, { id: 'HOT', kind: 'source', riskWeight: 5 },
      { id: 'STG', kind: 'staging', holdingCapacity: 9, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 100 },
    ],
    legs: [
      { id: 'L-CALM', from: 'CALM', to: 'STG', mode: 'air', durationHours: 0.5, assetTypes: ['Mi-17'] },
      { id: 'L-HOT', from: 'HOT', to: 'STG', mode: 'air', durationHours: 2, assetTypes: ['UH-60'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 1, assetTypes: ['C-130'], departWindow: { fromHour: 0, toHour: 1 } },
    ],
    assetTypes: [
      { id: 'Mi-17', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 },
      { id: 'UH-60', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 },
      { id: 'C-130', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 },
    ],
    assets: [{ id: 'M1', type: 'Mi-17', homeBase: 'CALM' }, { id: 'H1', type: 'UH-60', homeBase: 'HOT' }, { id: 'C1', type: 'C-130', homeBase: 'STG', availableFromDay: 1 }],
    persons: [
      ...Array.from({ length: 9 }, (_, i) => ({ id: `C${i + 1}`, source: 'CALM', risk: 'low' as const })),
      ...Array.from({ length: 9 }, (_, i) => ({ id: `H${i + 1}`, source: 'HOT', risk: 'low' as const })),
    ],
  });
}

void test('source cap: a vehicle that goes anyway does not fill staging with persons the guide moves later', () => {
  const s = stagingBound();
  // the guide (as the LP would) moves the hot prison on day 0 and the calm one on day 1
  const sourceGuide = new Map([['HOT|low|0', 9], ['CALM|low|1', 9]]);
  const uncapped = planOf(s, { sourceGuide });
  assert.deepEqual(validatePlan(s, uncapped), []);
  // calm persons take the room on day 0: the hot ones wait (at least a day, 9 x 5 x 0.5)
  assert.ok(uncapped.trips.some((t) => t.legId === 'L-CALM' && t.departHour < 24 && t.persons.length === 9));
  assert.ok(uncapped.metrics.exposure >= 22.5);
  const capped = planOf(s, { sourceGuide, sourceCap: 0 });
  assert.deepEqual(validatePlan(s, capped), []);
  // with the cap the hot persons leave on day 0 and only the calm ones wait (9 x 1 x 0.5 a day)
  assert.ok(capped.metrics.exposure < uncapped.metrics.exposure);
  assert.equal(capped.metrics.exposure % 4.5, 0);
  assert.ok(capped.metrics.exposure <= 9);
  const firstHot = capped.trips.find((t) => t.legId === 'L-HOT');
  assert.ok(firstHot && firstHot.departHour < 24 && firstHot.persons.length === 9);
  assert.ok(capped.trips.filter((t) => t.legId === 'L-CALM' && t.departHour < 24).every((t) => t.persons.length === 0));
  // the slack lets that many persons beyond the guide through
  const slack = planOf(s, { sourceGuide, sourceCap: 2 });
  assert.deepEqual(validatePlan(s, slack), []);
  assert.equal(slack.trips.filter((t) => t.legId === 'L-CALM' && t.departHour < 24).reduce((a, t) => a + t.persons.length, 0), 2);
});

void test('source cap: after the guide\'s last source day nobody is held back', () => {
  const s = stagingBound();
  // a guide that never moves the calm prison: it still leaves once the guide's days are over
  const capped = planOf(s, { sourceGuide: new Map([['HOT|low|0', 9]]), sourceCap: 0 });
  assert.deepEqual(validatePlan(s, capped), []);
  assert.ok(capped.trips.some((t) => t.legId === 'L-CALM' && t.persons.length === 9));
});

void test('an onward reservation does not keep a day\'s duty for a trip that leaves after midnight (onwardEarly)', () => {
  // one CH-47 (12 h duty): 1 h runs from the prison (3 h cycles) and a 3.5 h onward leg on a
  // window that wraps midnight (8 h cycle); the guide flies the onward leg once on day 0
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-RESERVE-EARLY', horizonDays: 10,
    facilities: [
      { id: 'S', kind: 'source', riskWeight: 1 }, { id: 'STG', kind: 'staging', holdingCapacity: 500, maxDwellHours: 240 },
      { id: 'DST', kind: 'destination', dailyIntake: 500 },
    ],
    legs: [
      { id: 'L-IN', from: 'S', to: 'STG', mode: 'air', durationHours: 1, assetTypes: ['CH-47'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 3.5, assetTypes: ['CH-47'], departWindow: { fromHour: 18, toHour: 2 } },
    ],
    assetTypes: [{ id: 'CH-47', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'H1', type: 'CH-47', homeBase: 'STG' }],
    persons: Array.from({ length: 100 }, (_, i) => ({ id: `P${i + 1}`, source: 'S', risk: 'low' as const })),
  });
  const tripGuide = new Map([['L-OUT|CH-47|0', 1], ['L-IN|CH-47|0', 4]]);
  const outOnDay0 = (p: Plan) => p.trips.filter((t) => t.legId === 'L-IN' && t.departHour < 24).reduce((a, t) => a + t.persons.length, 0);
  const reserving = planOf(s, { tripGuide, reserveOnward: true, onwardEarly: true });
  const free = planOf(s, { tripGuide, onwardEarly: true });
  assert.deepEqual(validatePlan(s, reserving), []);
  // the onward trip leaves after midnight on day 1's duty, so day 0's duty all goes to the prison
  // runs (four 3 h cycles, 28 low-risk persons each with guards); keeping 8 h for it left one run
  assert.equal(outOnDay0(reserving), outOnDay0(free));
  assert.ok(outOnDay0(reserving) > 28 * 2);
  assert.ok(reserving.trips.filter((t) => t.legId === 'L-OUT').every((t) => t.departHour % 24 <= 2));
});
