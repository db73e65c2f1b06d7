import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, planTransferWaves, SCENARIO_VERSION, validatePlan, type Scenario } from '../src/index';
import { PLAN_VERSION, type Plan } from '../src/scenario/plan-schema';
import { exposureOf, lastSourceDepartureDay, makespanDays } from '../src/solve/exposure';
import { scheduleGreedy } from '../src/solve/greedy-scheduler';
import { gridMilpPlans } from '../src/solve/grid-milp';
import { exposureLowerBound, type BoundState } from '../src/solve/lower-bound';
import { indexScenario } from '../src/solve/scenario-index';
import { executeSorties, packClasses } from '../src/solve/sortie-executor';

void test('packClasses: whole guards per class, the most persons first, then the most valuable mix', () => {
  // a Mi-17 (22 seats) with high-risk (1 guard per 4) and medium-risk (1 per 6) persons waiting
  const classes = (high: number, medium: number) => [
    { ratio: 4, max: high, prefix: Array.from({ length: high + 1 }, (_, n) => 2 * n) },
    { ratio: 6, max: medium, prefix: Array.from({ length: medium + 1 }, (_, n) => n) },
  ];
  // filling high-risk first takes 17 (+5 guards); 12 high + 6 medium take 18 with 3 + 1 guards
  assert.deepEqual(packClasses(22, Infinity, classes(48, 24), 1e8), [12, 6]);
  // worth alone (no weight per person): 17 high-risk persons (34) beat 12 + 6 (30)
  assert.deepEqual(packClasses(22, Infinity, classes(48, 24), 0), [17, 0]);
  // no more than the room left (`limit`), nor than waiting (`max`)
  assert.deepEqual(packClasses(22, 10, classes(48, 24), 1e8), [10, 0]);
  assert.deepEqual(packClasses(22, Infinity, classes(3, 24), 1e8), [3, 15]);
});

/** Two prisons, a staging base that holds 12, two UH-60s and a C-130 that empties staging at 06:00 and 18:00. */
function twoPrisons(): Scenario {
  return parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-GRID-MILP', horizonDays: 6,
    facilities: [
      { id: 'HOT', kind: 'source', riskWeight: 3 }, { id: 'CALM', kind: 'source', riskWeight: 1 },
      { id: 'STG', kind: 'staging', holdingCapacity: 12, maxDwellHours: 48 },
      { id: 'DST', kind: 'destination', dailyIntake: 40 },
    ],
    legs: [
      { id: 'L-HOT', from: 'HOT', to: 'STG', mode: 'air', durationHours: 1.5, assetTypes: ['UH-60'] },
      { id: 'L-CALM', from: 'CALM', to: 'STG', mode: 'air', durationHours: 0.5, assetTypes: ['UH-60'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 2, assetTypes: ['C-130'], departWindow: { fromHour: 6, toHour: 6 } },
      { id: 'L-OUT2', from: 'STG', to: 'DST', mode: 'air', durationHours: 2, assetTypes: ['C-130'], departWindow: { fromHour: 18, toHour: 18 } },
    ],
    assetTypes: [
      { id: 'UH-60', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 8 },
      { id: 'C-130', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 },
    ],
    assets: [{ id: 'H1', type: 'UH-60', homeBase: 'STG' }, { id: 'H2', type: 'UH-60', homeBase: 'STG', downDays: [1] }, { id: 'C1', type: 'C-130', homeBase: 'STG' }],
    persons: [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `H${i + 1}`, source: 'HOT', risk: 'low' as const })),
      ...Array.from({ length: 12 }, (_, i) => ({ id: `C${i + 1}`, source: 'CALM', risk: 'low' as const })),
    ],
  });
}

void test('grid MILP: each aircraft flies one trip at a time within its own duty, and its plan is flown as planned', async () => {
  const s = twoPrisons();
  const ix = indexScenario(s);
  const state: BoundState = { startDay: 0, atStaging: [], fixedExposure: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })) };
  const milp = await exposureLowerBound(ix, state, { timeLimitSeconds: 30, mipSeconds: 30, periodHours: 1, endDay: 6, gridExact: true, integerTrips: true, perVehicle: true });
  const mp = milp.mipPlan!;
  assert.ok(Number.isFinite(mp.objective), milp.status);
  // per vehicle: departures on the hour, never before the last trip is back, cycles within 8 h a day, H2 idle on day 1
  const byVehicle = new Map<string, { dep: number; cyc: number }[]>();
  for (const [key, ids] of mp.vehicles) {
    const [legId, typeId, q] = key.split('|');
    for (const id of ids) byVehicle.set(id, [...(byVehicle.get(id) ?? []), { dep: Number(q), cyc: ix.cycleHours(ix.leg.get(legId)!, typeId) }]);
  }
  // every trip names its vehicle (at least one per trip: an incumbent stopped by the time limit may
  // also name a vehicle it leaves free, which then flies a spare trip within the same checks), and
  // all three fly
  const named = [...byVehicle.values()].reduce((n, t) => n + t.length, 0);
  const trips = [...mp.tripsByPeriod.values()].reduce((n, v) => n + v, 0);
  for (const [key, v] of mp.tripsByPeriod) assert.ok((mp.vehicles.get(key)?.length ?? 0) >= v, `${key}: ${v} trips, vehicles ${mp.vehicles.get(key)?.join(', ') ?? 'none'}`);
  assert.ok(named >= trips, `${named} named, ${trips} trips`);
  assert.deepEqual([...byVehicle.keys()].sort(), ['C1', 'H1', 'H2']);
  for (const [id, trips] of byVehicle) {
    trips.sort((a, b) => a.dep - b.dep);
    trips.forEach((t, i) => { if (i > 0) assert.ok(trips[i - 1].dep + trips[i - 1].cyc <= t.dep, `${id} leaves at ${t.dep} before it is back`); });
    const duty = new Map<number, number>();
    for (const t of trips) duty.set(Math.floor(t.dep / 24), (duty.get(Math.floor(t.dep / 24)) ?? 0) + t.cyc);
    for (const [d, h] of duty) assert.ok(h <= ix.assetType.get(s.assets.find((a) => a.id === id)!.type)!.dutyHoursPerDay, `${id} has ${h} h on day ${d}`);
    if (id === 'H2') assert.ok(trips.every((t) => Math.floor(t.dep / 24) !== 1));
  }
  // flown with real persons: valid, and as good as the MILP's own plan (one class, whole loads)
  const result = await gridMilpPlans(ix, state, { endDay: 6, mipSeconds: 30, lpSeconds: 30 });
  assert.ok(result.candidates.length > 0, result.status);
  for (const c of result.candidates) {
    const plan: Plan = { version: PLAN_VERSION, scenarioId: s.id, fixedBeforeHour: 0, trips: c.trips, unplanned: c.unplanned, notes: [], metrics: { exposure: exposureOf(ix, c.trips, new Set()), lowerBound: 0, gap: 0, makespanDays: makespanDays(c.trips), solveSeconds: 0, persons: s.persons.length, planned: s.persons.length, trips: c.trips.length } };
    assert.deepEqual(validatePlan(s, plan), []);
    assert.ok(plan.metrics.exposure <= result.milpExposure + 1e-6, `flown ${plan.metrics.exposure} vs MILP ${result.milpExposure}`);
  }
});

void test('a first plan with the full portfolio includes the grid MILP\'s plans and is never worse than them', async () => {
  const s = twoPrisons();
  const ix = indexScenario(s);
  const plan = await planTransferWaves(s, { lpTimeLimitSeconds: 30 });
  assert.deepEqual(validatePlan(s, plan), []);
  const state: BoundState = { startDay: 0, atStaging: [], fixedExposure: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })) };
  const grid = await gridMilpPlans(ix, state, { endDay: s.horizonDays, mipSeconds: 30, lpSeconds: 30 });
  assert.ok(plan.metrics.exposure <= Math.min(...grid.candidates.map((c) => exposureOf(ix, c.trips, new Set()))) + 1e-6);
  // the quick portfolio (re-plans, fast first plans) leaves the MILP out
  const quick = await planTransferWaves(s, { lpTimeLimitSeconds: 30, portfolio: 'quick' });
  assert.ok(quick.notes.every((n) => !n.startsWith('grid MILP')));
});

void test('sortie executor: at staging first whoever cannot wait for the next departure, not everyone within a day of the limit', () => {
  // 30 HVD persons land at staging at 01:00 and 78 medium-risk persons at 11:00 (dwell limit 48 h);
  // the schedule sends the medium-risk persons on the C-130 at 30:00 and the HVDs on the next one
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-URGENT', horizonDays: 4,
    facilities: [
      { id: 'SRC', kind: 'source', riskWeight: 1 }, { id: 'STG', kind: 'staging', holdingCapacity: 200, maxDwellHours: 48 },
      { id: 'DST', kind: 'destination', dailyIntake: 500 },
    ],
    legs: [
      { id: 'L-IN', from: 'SRC', to: 'STG', mode: 'air', durationHours: 1, assetTypes: ['C-130'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 2, assetTypes: ['C-130'] },
    ],
    assetTypes: [{ id: 'C-130', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 16 }],
    assets: ['C1', 'C2', 'C3'].map((id) => ({ id, type: 'C-130', homeBase: 'STG' })),
    persons: [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `V${i + 1}`, source: 'SRC', risk: 'HVD' as const })),
      ...Array.from({ length: 78 }, (_, i) => ({ id: `M${i + 1}`, source: 'SRC', risk: 'medium' as const })),
    ],
  });
  const ix = indexScenario(s);
  const fixedTrips: Plan['trips'] = [
    { id: 'F1', assetId: 'C3', legId: 'L-IN', departHour: 0, arriveHour: 1, role: 'transport', persons: s.persons.filter((p) => p.risk === 'HVD').map((p) => p.id), guards: 15 },
    { id: 'F2', assetId: 'C3', legId: 'L-IN', departHour: 10, arriveHour: 11, role: 'transport', persons: s.persons.filter((p) => p.risk === 'medium').map((p) => p.id), guards: 13 },
  ];
  const first = (secondAt: number, urgentBuffer?: number) => {
    const trips = executeSorties(ix, {
      startHour: 12, fixedTrips, idPrefix: 'T', perPerson: 1e8, urgentBuffer,
      classFlows: new Map([['L-OUT|medium', [[30, 78]]], ['L-OUT|HVD', [[secondAt, 30]]]]),
      vehicles: new Map([['30|L-OUT', ['C1']], [`${secondAt}|L-OUT`, ['C2']]]),
    });
    const all = [...fixedTrips, ...trips];
    const plan: Plan = { version: PLAN_VERSION, scenarioId: s.id, fixedBeforeHour: 0, trips: all, unplanned: [], metrics: { exposure: 0, lowerBound: 0, gap: 0, makespanDays: makespanDays(all), solveSeconds: 0, persons: 108, planned: 108, trips: all.length }, notes: [] };
    assert.deepEqual(validatePlan(s, plan), []);
    const c1 = trips.find((t) => t.assetId === 'C1')!;
    return { hvd: c1.persons.filter((id) => id.startsWith('V')).length, medium: c1.persons.filter((id) => id.startsWith('M')).length };
  };
  // the HVDs' limit (49:00) is within a day of 30:00, but the next C-130 leaves at 40:00: the first
  // one takes the most persons it can, 78 (2 HVDs who waited longest beside 76 medium-risk persons);
  // by the 24-hour rule it takes the 30 HVDs (and 40 medium-risk persons beside their 15 guards),
  // 8 persons fewer
  assert.deepEqual(first(40, 8), { hvd: 2, medium: 76 });
  assert.deepEqual(first(40), { hvd: 30, medium: 40 });
  // when the next one leaves at 45:00, 4 h before their limit (less than the 8 h kept spare), they go first
  assert.deepEqual(first(45, 8), { hvd: 30, medium: 40 });
});

void test('with the grid MILP the refined bound LP looks three quarters as far when its plan empties the sources within that, else to the end', async () => {
  const horizonOf = (plan: Plan) => Number(/days 0\.\.(\d+)/.exec(plan.notes.find((n) => n.startsWith('bound LP'))!)![1]);
  const check = async (s: Scenario) => {
    const ix = indexScenario(s);
    const state: BoundState = { startDay: 0, atStaging: [], fixedExposure: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })) };
    // the horizon the LPs had before: the day after the constructive plan's last departure from a source
    const endDay = lastSourceDepartureDay(ix, scheduleGreedy(ix, { startHour: 0, fixedTrips: [], idPrefix: '' }).trips, 0) + 1;
    const plan = await planTransferWaves(s, { lpTimeLimitSeconds: 30 });
    assert.deepEqual(validatePlan(s, plan), []);
    const full = (await exposureLowerBound(ix, state, { timeLimitSeconds: 30, periodHours: 0.5, endDay: s.horizonDays })).lowerBound;
    return { endDay, horizon: horizonOf(plan), bound: plan.metrics.lowerBound, full };
  };
  // 102 persons, two helicopters, staging for 12: the LP empties the sources within 3/4 of the
  // constructive horizon, so the bound is the one to the scenario's end, found on fewer days
  const base = twoPrisons();
  const a = await check(parseScenario({ ...base, persons: [...base.persons, ...Array.from({ length: 60 }, (_, i) => ({ id: `X${i + 1}`, source: 'HOT', risk: 'low' as const }))] }));
  assert.equal(a.horizon, Math.ceil(a.endDay * 0.75));
  assert.ok(a.horizon < a.endDay && a.bound > 0 && Math.abs(a.bound - a.full) < 1e-6, JSON.stringify(a));
  // one person cleared only on the constructive plan's last day: the shorter LP cannot move them,
  // so it is solved again to the end
  const b = await check(parseScenario({ ...base, persons: [...base.persons, { id: 'LATE', source: 'CALM', risk: 'low', earliestDay: 4 }] }));
  assert.ok(Math.ceil(b.endDay * 0.75) <= 4, JSON.stringify(b));
  assert.equal(b.horizon, b.endDay);
  assert.ok(Math.abs(b.bound - b.full) < 1e-6, JSON.stringify(b));
});
