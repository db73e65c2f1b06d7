import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, SCENARIO_VERSION, validatePlan, PLAN_VERSION, type Plan, type Scenario } from '../src/index';
import { scheduleGreedy, type Sortie } from '../src/solve/greedy-scheduler';
import { exposureOf, makespanDays } from '../src/solve/exposure';
import { indexScenario } from '../src/solve/scenario-index';
import { sortiesFromTrips, trimTripGuide } from '../src/solve/sorties';
import { maxPersons } from '../src/solve/lower-bound';
import { tinyScenario } from './fixtures';

function planOf(s: Scenario, sorties?: Sortie[]): Plan {
  const ix = indexScenario(s);
  const r = scheduleGreedy(ix, { startHour: 0, fixedTrips: [], idPrefix: '', sorties });
  const excluded = new Set(s.persons.filter((p) => p.ineligible).map((p) => p.id));
  return {
    version: PLAN_VERSION, scenarioId: s.id, fixedBeforeHour: 0, trips: r.trips, unplanned: r.unplanned, notes: [],
    metrics: { exposure: exposureOf(ix, r.trips, excluded), lowerBound: 0, gap: 0, makespanDays: makespanDays(r.trips), solveSeconds: 0, persons: s.persons.length, planned: s.persons.length - r.unplanned.length, trips: r.trips.length },
  };
}

void test('LP trips per period become whole sorties where the running total crosses each half, inside the window', () => {
  const s = parseScenario(tinyScenario([{ id: 'A', weight: 1, persons: 9 }]));
  const ix = indexScenario(s);
  // 0.4 at 01:00, 0.4 at 01:30 (total 0.8: first sortie), 1.3 at 02:30 (total 2.1: second sortie); 0.3 on another day stays fractional
  const trips = new Map([['L-A|UH-60|2', 0.4], ['L-A|UH-60|3', 0.4], ['L-A|UH-60|5', 1.3], ['L-A|UH-60|60', 0.3]]);
  assert.deepEqual(sortiesFromTrips(ix, trips, 0.5), [{ legId: 'L-A', typeId: 'UH-60', hour: 1.5 }, { legId: 'L-A', typeId: 'UH-60', hour: 2.5 }]);
  // a night-only leg: a sortie in the period 17:30-18:00 leaves when the window opens, at 18:00
  s.legs[0].departWindow = { fromHour: 18, toHour: 6 };
  assert.deepEqual(sortiesFromTrips(indexScenario(s), new Map([['L-A|UH-60|35', 1]]), 0.5), [{ legId: 'L-A', typeId: 'UH-60', hour: 18 }]);
});

void test('the scheduler flies a sortie due now instead of its greedy choice, and the plan stays valid', () => {
  // one UH-60, one 3 h sortie a day: greedily the riskier HOT goes first (exposure 9 x 1 x 0.5)
  const s = parseScenario(tinyScenario([{ id: 'CALM', weight: 1, persons: 9 }, { id: 'HOT', weight: 5, persons: 9 }]));
  const greedy = planOf(s);
  assert.deepEqual(validatePlan(s, greedy), []);
  assert.equal(greedy.trips.find((t) => t.departHour === 0)?.legId, 'L-HOT');
  assert.equal(greedy.metrics.exposure, 4.5);
  // a sortie to CALM at 00:00 is flown as given (worse here: HOT waits a day, 9 x 5 x 0.5), HOT follows on day 1
  const guided = planOf(s, [{ legId: 'L-CALM', typeId: 'UH-60', hour: 0 }]);
  assert.deepEqual(validatePlan(s, guided), []);
  assert.deepEqual(guided.trips.map((t) => [t.legId, t.departHour, t.persons.length]), [['L-CALM', 0, 9], ['L-HOT', 24, 9]]);
  assert.equal(guided.metrics.exposure, 22.5);
  // a sortie more than the allowed lateness behind (the only vehicle has no duty left on day 0) is dropped, not flown late
  const late = planOf(s, [{ legId: 'L-HOT', typeId: 'UH-60', hour: 0 }, { legId: 'L-CALM', typeId: 'UH-60', hour: 1 }]);
  assert.deepEqual(validatePlan(s, late), []);
  assert.deepEqual(late.trips.map((t) => [t.legId, t.departHour]), [['L-HOT', 0], ['L-CALM', 24]]);
});

void test('a road sortie forms a convoy of only the vehicles that have a sortie on that leg then', () => {
  // 100 low-risk persons, buses carry 38 with guards: greedily all three buses leave at 00:00 in one convoy
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-CONVOY-SORTIES', horizonDays: 4,
    facilities: [{ id: 'S', kind: 'source', riskWeight: 1 }, { id: 'DST', kind: 'destination', dailyIntake: 1000 }],
    legs: [{ id: 'L-ROAD', from: 'S', to: 'DST', mode: 'road', durationHours: 1, assetTypes: ['bus', 'MRAP'] }],
    assetTypes: [{ id: 'bus', mode: 'road', turnaroundHours: 1, dutyHoursPerDay: 14 }, { id: 'MRAP', mode: 'road', role: 'escort', seats: 0, turnaroundHours: 1, dutyHoursPerDay: 14 }],
    assets: [{ id: 'B1', type: 'bus', homeBase: 'S' }, { id: 'B2', type: 'bus', homeBase: 'S' }, { id: 'B3', type: 'bus', homeBase: 'S' }, { id: 'E1', type: 'MRAP', homeBase: 'S' }, { id: 'E2', type: 'MRAP', homeBase: 'S' }],
    persons: Array.from({ length: 100 }, (_, i) => ({ id: `P${i + 1}`, source: 'S', risk: 'low' as const })),
  });
  const greedy = planOf(s);
  assert.deepEqual(validatePlan(s, greedy), []);
  assert.equal(greedy.trips.filter((t) => t.departHour === 0 && t.role === 'transport').length, 3);
  const two = planOf(s, [{ legId: 'L-ROAD', typeId: 'bus', hour: 0 }, { legId: 'L-ROAD', typeId: 'bus', hour: 0 }]);
  assert.deepEqual(validatePlan(s, two), []);
  const first = two.trips.filter((t) => t.departHour === 0);
  assert.equal(first.filter((t) => t.role === 'transport').length, 2);
  assert.equal(first.filter((t) => t.role === 'escort').length, 2);
  // the other 24 leave when the escorts are back (3 h cycle), all moved on day 0
  assert.equal(two.trips.filter((t) => t.role === 'transport').reduce((a, t) => a + t.persons.length, 0), 100);
  assert.equal(two.metrics.exposure, 0);
});

void test('packing staging departures by class carries more persons than first in, first out, except near the dwell limit', () => {
  // at staging from hour 1: 2 HVDs (1 guard) and 10 low-risk persons (1 guard per 6); a UH-60 (11 seats) takes them on
  const input = {
    version: SCENARIO_VERSION, id: 'TEST-PACK', horizonDays: 4,
    facilities: [{ id: 'S', kind: 'source' as const, riskWeight: 1 }, { id: 'STG', kind: 'staging' as const, holdingCapacity: 100, maxDwellHours: 72 }, { id: 'DST', kind: 'destination' as const, dailyIntake: 100 }],
    legs: [
      { id: 'L-IN', from: 'S', to: 'STG', mode: 'air' as const, durationHours: 1, assetTypes: ['CH-47'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air' as const, durationHours: 1, assetTypes: ['UH-60'] },
    ],
    assetTypes: [{ id: 'CH-47', mode: 'air' as const, turnaroundHours: 1, dutyHoursPerDay: 12 }, { id: 'UH-60', mode: 'air' as const, turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'C1', type: 'CH-47', homeBase: 'S' }, { id: 'U1', type: 'UH-60', homeBase: 'STG' }],
    persons: [
      ...['H1', 'H2'].map((id) => ({ id, source: 'S', risk: 'HVD' as const })),
      ...Array.from({ length: 10 }, (_, i) => ({ id: `L${String(i + 1).padStart(2, '0')}`, source: 'S', risk: 'low' as const })),
    ],
  };
  const inbound = { id: 'F1', assetId: 'C1', legId: 'L-IN', departHour: 0, arriveHour: 1, role: 'transport' as const, persons: input.persons.map((p) => p.id), guards: 3 };
  const firstOut = (s: Scenario, packOnward: boolean) => {
    const r = scheduleGreedy(indexScenario(s), { startHour: 24, fixedTrips: [inbound], idPrefix: 'X', packOnward });
    const trips = [inbound, ...r.trips];
    const plan: Plan = {
      version: PLAN_VERSION, scenarioId: s.id, fixedBeforeHour: 0, trips, unplanned: r.unplanned, notes: [],
      metrics: { exposure: 0, lowerBound: 0, gap: 0, makespanDays: makespanDays(trips), solveSeconds: 0, persons: 12, planned: 12, trips: trips.length },
    };
    assert.deepEqual(validatePlan(s, plan), []);
    return r.trips.sort((a, b) => a.departHour - b.departHour)[0].persons;
  };
  const s = parseScenario(input);
  // first in, first out (ties by id: the HVDs first): 2 HVDs + 1 guard, 6 low + 1 guard = 11 seats, 8 persons
  assert.equal(firstOut(s, false).length, 8);
  // by class, the larger class first: 9 low-risk persons + 2 guards = 11 seats
  assert.deepEqual(firstOut(s, true), ['L01', 'L02', 'L03', 'L04', 'L05', 'L06', 'L07', 'L08', 'L09']);
  // within a day of the dwell limit (30 h, here since hour 1) the queue stays first in, first out
  input.facilities[1].maxDwellHours = 30;
  assert.equal(firstOut(parseScenario(input), true).length, 8);
});

void test('the LP trips guiding the scheduler are cut to what the LP flow needs at full whole-guard loads', () => {
  const s = parseScenario(tinyScenario([{ id: 'A', weight: 1, persons: 9 }, { id: 'B', weight: 1, persons: 9 }, { id: 'C', weight: 1, persons: 9 }]));
  const ix = indexScenario(s);
  const full = (seats: number) => maxPersons(seats, 6); // UH-60: 9
  const trips = new Map([['L-A|UH-60|0', 2], ['L-B|UH-60|0', 3], ['L-C|UH-60|1', 1], ['L-A|UH-60|1', 0.5]]);
  // A day 0: 9 persons need 1 of its 2 trips; B day 0 carries nothing (dropped); C day 1 needs more than its trip (kept); A day 1: 4.5 persons fill its half trip
  const flows = new Map([['L-A|0', 9], ['L-C|1', 12], ['L-A|1', 4.5]]);
  assert.deepEqual([...trimTripGuide(ix, trips, flows, full)].sort(), [['L-A|UH-60|0', 1], ['L-A|UH-60|1', 0.5], ['L-C|UH-60|1', 1]]);
});
