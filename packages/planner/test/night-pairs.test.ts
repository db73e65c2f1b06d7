import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, SCENARIO_VERSION, validatePlan, type Plan, type Scenario } from '../src/index';
import type { ScheduleInput } from '../src/solve/greedy-scheduler';
import { greedyPlan as planOf } from './fixtures';

/**
 * Two CH-47s (12 h duty, 28 low-risk persons with guards) between a prison 30 min away and a staging
 * base of 56 places, which they empty on a 3.5 h onward leg flown 18:00-02:00 (8 h cycle): staging
 * room, not flying hours, limits who is out of the prison by each midnight.
 */
function scenario(): Scenario {
  return parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-NIGHT-PAIRS', horizonDays: 12,
    facilities: [
      { id: 'S', kind: 'source', riskWeight: 1 }, { id: 'STG', kind: 'staging', holdingCapacity: 56, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 500 },
    ],
    legs: [
      { id: 'L-IN', from: 'S', to: 'STG', mode: 'air', durationHours: 0.5, assetTypes: ['CH-47'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 3.5, assetTypes: ['CH-47'], departWindow: { fromHour: 18, toHour: 2 } },
    ],
    assetTypes: [{ id: 'CH-47', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'H1', type: 'CH-47', homeBase: 'STG' }, { id: 'H2', type: 'CH-47', homeBase: 'STG' }],
    persons: Array.from({ length: 560 }, (_, i) => ({ id: `P${i + 1}`, source: 'S', risk: 'low' as const })),
  });
}

const outBy = (p: Plan, midnight: number) => p.trips.filter((t) => t.legId === 'L-IN' && t.departHour < midnight).reduce((a, t) => a + t.persons.length, 0);

void test('night pairs: a helicopter flies a source run across midnight, then its early onward trip', () => {
  const s = scenario();
  const base: Partial<ScheduleInput> = { onwardEarly: true, nightWave: true, keepFreeUntilBooked: true };
  const without = planOf(s, base);
  const paired = planOf(s, { ...base, nightPairs: 1 });
  assert.deepEqual(validatePlan(s, without), []);
  assert.deepEqual(validatePlan(s, paired), []);
  // the pair: a source run leaving before a midnight (not the first) and landing after it, and the same
  // vehicle's next trip is the onward one inside the early window
  const pairs = paired.trips.filter((t) => t.legId === 'L-IN' && t.persons.length > 0 && Math.floor(t.departHour / 24) !== Math.floor(t.arriveHour / 24));
  assert.ok(pairs.length >= 3, `pairs: ${pairs.length}`);
  for (const t of pairs) {
    assert.ok(t.departHour >= 24);
    const next = paired.trips.filter((x) => x.assetId === t.assetId && x.departHour > t.departHour).sort((a, b) => a.departHour - b.departHour)[0];
    assert.equal(next?.legId, 'L-OUT');
    assert.ok(next.departHour % 24 <= 2 && next.departHour - t.departHour < 3);
  }
  // more persons out of the prison by the midnights after the first, and less exposure
  for (let d = 2; d <= 4; d++) assert.ok(outBy(paired, 24 * d) > outBy(without, 24 * d), `midnight ${d}: ${outBy(paired, 24 * d)} vs ${outBy(without, 24 * d)}`);
  assert.ok(paired.metrics.exposure < without.metrics.exposure, `${paired.metrics.exposure} vs ${without.metrics.exposure}`);
});
