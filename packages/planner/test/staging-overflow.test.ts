import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, SCENARIO_VERSION, validatePlan, type Trip } from '../src/index';
import { scheduleGreedy } from '../src/solve/greedy-scheduler';
import { indexScenario } from '../src/solve/scenario-index';
import { planFromTrips } from './fixtures';

/**
 * A re-plan from hour 24: staging (10 places) holds 1 HVD and 9 low-risk persons, and 9 more
 * low-risk persons flown before hour 24 land at 24:30. The one onward UH-60 (11 seats) must take 9
 * of those waiting before then: first in, first out it would take the HVD (1 guard) and 7 low-risk
 * persons (2 guards), 8 in all, and staging would hold 11.
 */
void test('a re-plan whose persons in the air would overfill staging sends the onward vehicle first, with the most persons', () => {
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-OVERFLOW', horizonDays: 4,
    facilities: [
      { id: 'SRC', kind: 'source', riskWeight: 1 },
      { id: 'STG', kind: 'staging', holdingCapacity: 10, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 100 },
    ],
    legs: [
      { id: 'L-IN', from: 'SRC', to: 'STG', mode: 'air', durationHours: 1, assetTypes: ['CH'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 1, assetTypes: ['UH-60'] },
    ],
    assetTypes: [
      { id: 'CH', mode: 'air', seats: 33, turnaroundHours: 0.5, dutyHoursPerDay: 12 },
      { id: 'UH-60', mode: 'air', turnaroundHours: 0.5, dutyHoursPerDay: 12 },
    ],
    assets: [{ id: 'F1', type: 'CH', homeBase: 'STG' }, { id: 'U1', type: 'UH-60', homeBase: 'STG' }],
    persons: [
      { id: 'P-H', source: 'SRC', risk: 'HVD' },
      ...Array.from({ length: 9 }, (_, i) => ({ id: `P-L${i + 1}`, source: 'SRC', risk: 'low' as const })),
      ...Array.from({ length: 9 }, (_, i) => ({ id: `P-A${i + 1}`, source: 'SRC', risk: 'low' as const })),
    ],
  });
  const flown = (id: string, dep: number, persons: string[], guards: number): Trip => ({ id, assetId: 'F1', legId: 'L-IN', departHour: dep, arriveHour: dep + 1, role: 'transport', persons, guards });
  const fixed = [
    flown('T1', 6, ['P-H'], 1),
    flown('T2', 9, Array.from({ length: 9 }, (_, i) => `P-L${i + 1}`), 2),
    flown('T3', 23.5, Array.from({ length: 9 }, (_, i) => `P-A${i + 1}`), 2),
  ];
  const r = scheduleGreedy(indexScenario(s), { startHour: 24, fixedTrips: fixed, idPrefix: 'R' });
  const plan = planFromTrips(s, [...fixed, ...r.trips], r.unplanned);
  assert.deepEqual(validatePlan(s, plan), []);
  const first = r.trips.filter((t) => t.legId === 'L-OUT').sort((a, b) => a.departHour - b.departHour)[0];
  assert.equal(first.departHour, 24);
  assert.equal(first.persons.length, 9);
});

/**
 * The same by road: staging (80 places) is full and 50 persons flown before hour 24 land at 24:30;
 * three buses (38 low-risk persons each) and two escorts are at staging. The bus sent first leads a
 * convoy that the others join (before, the convoy took only vehicles with a planned sortie: one bus
 * went with both escorts, the others could not leave, and staging overflowed).
 */
void test('a re-plan relieving an overfull staging by road sends one convoy with every free bus', () => {
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-OVERFLOW-ROAD', horizonDays: 4,
    facilities: [
      { id: 'SRC', kind: 'source', riskWeight: 1 },
      { id: 'STG', kind: 'staging', holdingCapacity: 80, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 200 },
    ],
    legs: [
      { id: 'L-IN', from: 'SRC', to: 'STG', mode: 'air', durationHours: 1, assetTypes: ['CH'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'road', durationHours: 2, assetTypes: ['bus', 'MRAP'] },
    ],
    assetTypes: [
      { id: 'CH', mode: 'air', seats: 60, turnaroundHours: 0.5, dutyHoursPerDay: 12 },
      { id: 'bus', mode: 'road', turnaroundHours: 1, dutyHoursPerDay: 14 },
      { id: 'MRAP', mode: 'road', role: 'escort', seats: 0, turnaroundHours: 1, dutyHoursPerDay: 14 },
    ],
    assets: [
      { id: 'F1', type: 'CH', homeBase: 'STG' }, { id: 'F2', type: 'CH', homeBase: 'STG' },
      ...['B1', 'B2', 'B3'].map((id) => ({ id, type: 'bus', homeBase: 'STG' })),
      { id: 'E1', type: 'MRAP', homeBase: 'STG' }, { id: 'E2', type: 'MRAP', homeBase: 'STG' },
    ],
    persons: Array.from({ length: 130 }, (_, i) => ({ id: `P${i + 1}`, source: 'SRC', risk: 'low' as const })),
  });
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `P${from + i}`);
  const fixed: Trip[] = [
    { id: 'T1', assetId: 'F1', legId: 'L-IN', departHour: 6, arriveHour: 7, role: 'transport', persons: ids(1, 40), guards: 7 },
    { id: 'T2', assetId: 'F2', legId: 'L-IN', departHour: 8, arriveHour: 9, role: 'transport', persons: ids(41, 40), guards: 7 },
    { id: 'T3', assetId: 'F1', legId: 'L-IN', departHour: 23.5, arriveHour: 24.5, role: 'transport', persons: ids(81, 50), guards: 9 },
  ];
  const r = scheduleGreedy(indexScenario(s), { startHour: 24, fixedTrips: fixed, idPrefix: 'R' });
  const plan = planFromTrips(s, [...fixed, ...r.trips], r.unplanned);
  assert.deepEqual(validatePlan(s, plan), []);
  const at24 = r.trips.filter((t) => t.legId === 'L-OUT' && t.departHour === 24);
  assert.equal(new Set(at24.map((t) => t.convoyId)).size, 1);
  assert.deepEqual(at24.filter((t) => t.role === 'transport').map((t) => t.persons.length), [38, 38, 4]);
});
