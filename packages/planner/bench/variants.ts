// Development harness: re-runs the scheduler variants that win on the demo (the 'bestKnown' family of
// planTransferWaves, on the hourly and the half-hour LP) in a few seconds, from LP solutions cached in
// the OS temp directory (solved once, ~30 s), and prints exposure, violations, and per midnight the
// persons out of the prisons / in the air towards staging. For trying scheduler changes quickly;
// the real figures come from `npm run eval:planner` and the bench.
// npm run variants -w @custodian/planner [-- --fresh] [-- --only fine/cap-packed]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, validatePlan } from '../src/index';
import { PLAN_VERSION, type Plan, type Trip } from '../src/scenario/plan-schema';
import { exposureOf, makespanDays } from '../src/solve/exposure';
import { scheduleGreedy, type ScheduleInput } from '../src/solve/greedy-scheduler';
import { exposureLowerBound, maxPersons, type BoundState } from '../src/solve/lower-bound';
import { indexScenario, type ScenarioIndex } from '../src/solve/scenario-index';
import { trimTripGuide } from '../src/solve/sorties';

interface Guide { tripGuide: Map<string, number>; sourceFlows: Map<string, number>; legFlows: Map<string, number> }
type Cached = Record<'hourly' | 'fine', Record<keyof Guide, [string, number][]>>;

const pkg = new URL('../', import.meta.url).pathname;
const scenario = parseScenario(JSON.parse(readFileSync(`${pkg}scenarios/demo.json`, 'utf8')));
const ix = indexScenario(scenario);
const excluded = new Set(scenario.persons.filter((p) => p.ineligible).map((p) => p.id));
const cacheFile = join(tmpdir(), `custodian-planner-lps-${scenario.id}.json`);
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1].split(',') : undefined;

async function guides(): Promise<Cached> {
  if (existsSync(cacheFile) && !process.argv.includes('--fresh')) return JSON.parse(readFileSync(cacheFile, 'utf8')) as Cached;
  // the same LPs as planTransferWaves on a first plan: hourly with pooled duty, half-hour with patterns
  const first = scheduleGreedy(ix, { startHour: 0, fixedTrips: [], idPrefix: '' });
  const endDay = Math.min(scenario.horizonDays, makespanDays(first.trips) + 3);
  const state: BoundState = { startDay: 0, atStaging: [], fixedExposure: 0, atSource: scenario.persons.filter((p) => !excluded.has(p.id)).map((p) => ({ source: p.source, risk: p.risk, earliestDay: p.earliestDay })) };
  const hourly = await exposureLowerBound(ix, state, { timeLimitSeconds: 120, endDay, dutyPatterns: false });
  const fine = await exposureLowerBound(ix, state, { timeLimitSeconds: 120, periodHours: 0.5, endDay });
  const ser = (g: Guide) => ({ tripGuide: [...g.tripGuide], sourceFlows: [...g.sourceFlows], legFlows: [...g.legFlows] });
  const out: Cached = { hourly: ser(hourly), fine: ser(fine) };
  writeFileSync(cacheFile, JSON.stringify(out));
  return out;
}

function variants(g: Guide): [string, Partial<ScheduleInput>][] {
  const bestKnown: Partial<ScheduleInput> = { tripGuide: g.tripGuide, sourceGuide: g.sourceFlows, fillBeforeLeaving: true, reserveOnward: true, onwardEarly: true, nightWave: true, keepFreeUntilBooked: true, timeWeight: 1 };
  const maxRatio = Math.max(...(['HVD', 'high', 'medium', 'low'] as const).map((c) => ix.guardRatio(c)));
  const trimmed = trimTripGuide(ix, g.tripGuide, g.legFlows, (seats) => maxPersons(seats, maxRatio));
  return [
    ['best', bestKnown], ['packed', { ...bestKnown, packOnward: true }],
    ['trim', { ...bestKnown, tripGuide: trimmed }], ['trim-packed', { ...bestKnown, tripGuide: trimmed, packOnward: true }],
    ['cap', { ...bestKnown, sourceCap: 2 }], ['cap-packed', { ...bestKnown, packOnward: true, sourceCap: 2 }],
    ['trim-cap', { ...bestKnown, tripGuide: trimmed, sourceCap: 2 }], ['trim-cap-packed', { ...bestKnown, tripGuide: trimmed, packOnward: true, sourceCap: 2 }],
  ];
}

/** persons out of their source / in the air towards staging at each midnight */
function midnights(x: ScenarioIndex, trips: Trip[]): string {
  const first = new Map<string, Trip>();
  for (const t of trips) if (x.facility.get(x.leg.get(t.legId)!.from)!.kind === 'source') for (const p of t.persons) first.set(p, t);
  const parts: string[] = [];
  for (let d = 1; d <= 8; d++) {
    let out = 0, air = 0;
    for (const t of first.values()) if (t.departHour < 24 * d) { out++; if (t.arriveHour > 24 * d) air++; }
    parts.push(`${out}/${air}`);
  }
  return parts.join(' ');
}

const extraArg = process.argv.indexOf('--with');
/** scheduler options added to every variant, as JSON (e.g. --with '{"packOnward":true}') */
const extra = (extraArg > 0 ? JSON.parse(process.argv[extraArg + 1]) : {}) as Partial<ScheduleInput>;
const cached = await guides();
const t0 = performance.now();
for (const name of ['hourly', 'fine'] as const) {
  const c = cached[name];
  const g: Guide = { tripGuide: new Map(c.tripGuide), sourceFlows: new Map(c.sourceFlows), legFlows: new Map(c.legFlows) };
  for (const [label, v] of variants(g)) {
    if (only && !only.includes(`${name}/${label}`)) continue;
    const r = scheduleGreedy(ix, { startHour: 0, fixedTrips: [], idPrefix: '', ...v, ...extra });
    const exposure = exposureOf(ix, r.trips, excluded);
    const plan: Plan = {
      version: PLAN_VERSION, scenarioId: scenario.id, fixedBeforeHour: 0, trips: r.trips, unplanned: r.unplanned, notes: [],
      metrics: { exposure, lowerBound: 0, gap: 0, makespanDays: makespanDays(r.trips), solveSeconds: 0, persons: scenario.persons.length, planned: scenario.persons.length - r.unplanned.length, trips: r.trips.length },
    };
    const bad = validatePlan(scenario, plan);
    console.log(`${`${name}/${label}`.padEnd(22)} exposure ${exposure.toFixed(1).padStart(8)}  violations ${bad.length}  out/in-air per midnight ${midnights(ix, r.trips)}`);
  }
}
console.log(`scheduler runs ${((performance.now() - t0) / 1000).toFixed(1)} s`);
