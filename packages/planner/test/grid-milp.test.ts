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

void test('grid MILP with class shares: the loads it plans are whole single-class loads, which real vehicles carry', async () => {
  // one Mi-17 (22 seats), one trip on day 0; 14 HVDs (x5) and 40 medium-risk persons wait
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-SHARES', horizonDays: 2,
    facilities: [
      { id: 'SRC', kind: 'source', riskWeight: 1 }, { id: 'STG', kind: 'staging', holdingCapacity: 100, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 100 },
    ],
    legs: [
      { id: 'L-IN', from: 'SRC', to: 'STG', mode: 'air', durationHours: 5, assetTypes: ['Mi-17'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 5, assetTypes: ['Mi-17'] },
    ],
    assetTypes: [{ id: 'Mi-17', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'M1', type: 'Mi-17', homeBase: 'STG' }],
    persons: [
      ...Array.from({ length: 14 }, (_, i) => ({ id: `V${i + 1}`, source: 'SRC', risk: 'HVD' as const })),
      ...Array.from({ length: 40 }, (_, i) => ({ id: `M${i + 1}`, source: 'SRC', risk: 'medium' as const })),
    ],
  });
  const ix = indexScenario(s);
  const state: BoundState = { startDay: 0, atStaging: [], fixedExposure: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })) };
  const day0 = async (classShares: boolean) => {
    const r = await exposureLowerBound(ix, state, { timeLimitSeconds: 30, mipSeconds: 30, periodHours: 1, endDay: 1, gridExact: true, integerTrips: true, perVehicle: true, classShares });
    const flows = new Map<string, number>();
    for (const [k, v] of r.mipPlan!.legFlowsByPeriod) { const [legId, c] = k.split('|'); if (legId === 'L-IN') flows.set(c, (flows.get(c) ?? 0) + v); }
    return { hvd: flows.get('HVD') ?? 0, medium: flows.get('medium') ?? 0, trips: [...r.mipPlan!.tripsByPeriod].filter(([k]) => k.startsWith('L-IN|')).reduce((n, [, v]) => n + v, 0) };
  };
  // seats with fractional guards: 14 HVDs (+7 guards) and 0.86 medium-risk persons in the last seat,
  // which no real load matches (a medium-risk person brings a guard)
  const seatRow = await day0(false);
  assert.equal(seatRow.trips, 1);
  assert.ok(Math.abs(seatRow.hvd - 14) < 1e-6 && seatRow.medium > 0.5, JSON.stringify(seatRow));
  // class shares: the 14 HVDs fill the Mi-17 (14 / 14 of its HVD load), nobody beside them
  const shares = await day0(true);
  assert.equal(shares.trips, 1);
  assert.ok(Math.abs(shares.hvd - 14) < 1e-6 && shares.medium < 1e-6, JSON.stringify(shares));
});

void test('sortie executor: cooperating witnesses leave their source together on the smallest vehicle of a departure', () => {
  // two UH-60s leave the prison at 02:00; the schedule moves 18 medium-risk persons; 4 cooperating
  // witnesses, who may not share a vehicle with the other detainees, wait there too
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-WITNESS', horizonDays: 3, categorySeparation: [['cooperating-witness', 'adult']],
    facilities: [
      { id: 'SRC', kind: 'source', riskWeight: 2 }, { id: 'STG', kind: 'staging', holdingCapacity: 200, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 500 },
    ],
    legs: [
      { id: 'L-IN', from: 'SRC', to: 'STG', mode: 'air', durationHours: 1, assetTypes: ['UH-60', 'CH-47'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 2, assetTypes: ['CH-47'] },
    ],
    assetTypes: [{ id: 'UH-60', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }, { id: 'CH-47', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'U1', type: 'UH-60', homeBase: 'STG' }, { id: 'C1', type: 'CH-47', homeBase: 'STG' }],
    persons: [
      ...Array.from({ length: 40 }, (_, i) => ({ id: `A${i + 1}`, source: 'SRC', risk: 'medium' as const })),
      ...Array.from({ length: 4 }, (_, i) => ({ id: `W${i + 1}`, source: 'SRC', risk: 'medium' as const, category: 'cooperating-witness' })),
    ],
  });
  const ix = indexScenario(s);
  const trips = executeSorties(ix, {
    startHour: 0, fixedTrips: [], idPrefix: 'T', perPerson: 1e8,
    classFlows: new Map([['L-IN|medium', [[2, 37]]], ['L-OUT|medium', [[5, 37]]]]),
    vehicles: new Map([['2|L-IN', ['C1', 'U1']], ['5|L-OUT', ['C1']]]),
  });
  const at2 = trips.filter((t) => t.legId === 'L-IN' && t.departHour === 2);
  const witnesses = (t: Plan['trips'][number]) => t.persons.filter((id) => id.startsWith('W')).length;
  // the UH-60 takes all four witnesses, the CH-47 28 others; before, both took others and the
  // witnesses waited for the end of the plan
  assert.deepEqual(at2.map((t) => [t.assetId, witnesses(t), t.persons.length]).sort(), [['C1', 0, 28], ['U1', 4, 4]]);
  const plan: Plan = { version: PLAN_VERSION, scenarioId: s.id, fixedBeforeHour: 0, trips, unplanned: [], metrics: { exposure: 0, lowerBound: 0, gap: 0, makespanDays: makespanDays(trips), solveSeconds: 0, persons: 44, planned: 44, trips: trips.length }, notes: [] };
  assert.deepEqual(validatePlan(s, plan).filter((v) => v.code === 'category-separation'), []);
});

void test('with the grid MILP the bound LP looks three quarters as far when its plan empties the sources within that, else to the end', async () => {
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

void test('grid MILP with a midnight reserve: who is in the air into staging at a day\'s start fits there even if one helicopter\'s departure from then on is lost', async () => {
  // a staging base for 18; two Mi-17s fly 1.5 h source runs and 3 h onward trips leaving 00:00-02:00
  // (18 low-risk persons each), so a run that leaves at 23:00 lands in the room the midnight onward
  // trip frees
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-MIDNIGHT', horizonDays: 4,
    facilities: [
      { id: 'SRC', kind: 'source', riskWeight: 1 }, { id: 'STG', kind: 'staging', holdingCapacity: 18, maxDwellHours: 72 },
      { id: 'DST', kind: 'destination', dailyIntake: 500 },
    ],
    legs: [
      { id: 'L-IN', from: 'SRC', to: 'STG', mode: 'air', durationHours: 1.5, assetTypes: ['Mi-17'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 3, assetTypes: ['Mi-17'], departWindow: { fromHour: 0, toHour: 2 } },
    ],
    assetTypes: [{ id: 'Mi-17', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'M1', type: 'Mi-17', homeBase: 'STG' }, { id: 'M2', type: 'Mi-17', homeBase: 'STG' }],
    persons: Array.from({ length: 150 }, (_, i) => ({ id: `P${i + 1}`, source: 'SRC', risk: 'low' as const })),
  });
  const ix = indexScenario(s);
  const state: BoundState = { startDay: 0, atStaging: [], fixedExposure: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })) };
  // the worst shortfall over the midnights: held before midnight, plus landings after it of runs that
  // left before it, less the departures from midnight to then without the largest one (18 persons)
  const worst = async (midnightReserve: boolean) => {
    const r = await exposureLowerBound(ix, state, { timeLimitSeconds: 30, mipSeconds: 30, periodHours: 1, endDay: 4, gridExact: true, integerTrips: true, perVehicle: true, classShares: true, midnightReserve });
    const flows = [...r.mipPlan!.legFlowsByPeriod].map(([k, v]) => { const [legId, , q] = k.split('|'); return { legId, h: Number(q), n: v }; });
    let over = -Infinity;
    for (let M = 24; M < 96; M += 24) {
      const held = flows.filter((x) => x.legId === 'L-IN' && x.h + 1.5 <= M - 1e-9).reduce((n, x) => n + x.n, 0) - flows.filter((x) => x.legId === 'L-OUT' && x.h < M).reduce((n, x) => n + x.n, 0);
      for (let t = M; t <= M + 2; t += 0.5) {
        const landing = flows.filter((x) => x.legId === 'L-IN' && x.h < M && x.h + 1.5 > M - 1e-9 && x.h + 1.5 <= t).reduce((n, x) => n + x.n, 0);
        const leaving = flows.filter((x) => x.legId === 'L-OUT' && x.h >= M && x.h <= t).map((x) => x.n);
        over = Math.max(over, held + landing - (leaving.reduce((a, b) => a + b, 0) - Math.min(18, Math.max(0, ...leaving))) - 18);
      }
    }
    return { over, exposure: r.mipPlan!.objective };
  };
  const plain = await worst(false);
  const reserved = await worst(true);
  // without the reserve the MILP fills staging, sends a run at 23:00 and empties staging at midnight:
  // losing that helicopter then would overflow it; with the reserve its runs land before midnight
  assert.ok(plain.over > 0.5, JSON.stringify(plain));
  assert.ok(reserved.over <= 1e-6, JSON.stringify(reserved));
  assert.ok(reserved.exposure >= plain.exposure - 1e-6);
});

void test('grid MILP: persons who may not share a vehicle with the others get whole vehicles where they cost least, and the plan is flown as promised', async () => {
  // 30 medium-risk detainees and 2 cooperating witnesses at one prison; two UH-60s (9 medium-risk
  // persons each with their guards) with duty for one run a day each
  const s = parseScenario({
    version: SCENARIO_VERSION, id: 'TEST-SEPARATED', horizonDays: 8, categorySeparation: [['cooperating-witness', 'adult']],
    facilities: [
      { id: 'SRC', kind: 'source', riskWeight: 2 }, { id: 'STG', kind: 'staging', holdingCapacity: 200, maxDwellHours: 240 },
      { id: 'DST', kind: 'destination', dailyIntake: 500 },
    ],
    legs: [
      { id: 'L-IN', from: 'SRC', to: 'STG', mode: 'air', durationHours: 1, assetTypes: ['UH-60'] },
      { id: 'L-OUT', from: 'STG', to: 'DST', mode: 'air', durationHours: 2, assetTypes: ['C-130'], departWindow: { fromHour: 20, toHour: 20 } },
    ],
    assetTypes: [{ id: 'UH-60', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 3 }, { id: 'C-130', mode: 'air', turnaroundHours: 1, dutyHoursPerDay: 12 }],
    assets: [{ id: 'U1', type: 'UH-60', homeBase: 'STG' }, { id: 'U2', type: 'UH-60', homeBase: 'STG' }, { id: 'C1', type: 'C-130', homeBase: 'STG' }],
    persons: [
      ...Array.from({ length: 45 }, (_, i) => ({ id: `A${i + 1}`, source: 'SRC', risk: 'medium' as const })),
      ...Array.from({ length: 2 }, (_, i) => ({ id: `W${i + 1}`, source: 'SRC', risk: 'medium' as const, category: 'cooperating-witness' })),
    ],
  });
  const ix = indexScenario(s);
  const state: BoundState = { startDay: 0, atStaging: [], fixedExposure: 0, atSource: s.persons.map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay, separated: p.category === 'cooperating-witness' })) };
  const flownBest = async (separateMinority: boolean) => {
    const r = await gridMilpPlans(ix, state, { endDay: 8, mipSeconds: 30, lpSeconds: 30, separateMinority });
    assert.ok(r.candidates.length > 0, r.status);
    // the best flown plan that passes the validator (Infinity if none)
    let flown = Infinity;
    for (const c of r.candidates) {
      const plan: Plan = { version: PLAN_VERSION, scenarioId: s.id, fixedBeforeHour: 0, trips: c.trips, unplanned: c.unplanned, notes: [], metrics: { exposure: 0, lowerBound: 0, gap: 0, makespanDays: makespanDays(c.trips), solveSeconds: 0, persons: 47, planned: 47, trips: c.trips.length } };
      if (validatePlan(s, plan).length === 0) flown = Math.min(flown, exposureOf(ix, c.trips, new Set()));
    }
    return { milp: r.milpExposure, flown, witnessTrips: r.candidates[0].trips.filter((t) => t.persons.some((id) => id.startsWith('W'))) };
  };
  // 18 a day: the witnesses take one of day 2's runs (days 0 and 1 carry 18 others each, day 2 the
  // last nine and the witnesses, on a UH-60 of their own); the MILP counts their vehicle, so the
  // plan is flown exactly as it promised: waiting at the end of days 0 and 1: 29 and 11 persons,
  // x 2 (weight) x 1 (medium) = 80
  const apart = await flownBest(true);
  assert.equal(apart.flown, 80);
  assert.ok(Math.abs(apart.milp - apart.flown) < 1e-6, JSON.stringify(apart));
  const fromPrison = apart.witnessTrips.filter((t) => t.legId === 'L-IN');
  assert.deepEqual(fromPrison.map((t) => [Math.floor(t.departHour / 24), t.persons.length]), [[2, 2]]);
  // modelled with the others, the MILP plans them on shared vehicles, and flying it costs more than
  // it promised (one way: the witnesses take a UH-60 on day 0 and nine others wait)
  const together = await flownBest(false);
  assert.ok(together.milp < together.flown - 1, JSON.stringify(together));
});
