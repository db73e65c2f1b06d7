import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { generateScenario, parseScenario, planTransferWaves, validatePlan, type Plan, type Scenario, type ViolationCode } from '../src/index';

let scenario: Scenario;
let plan: Plan;
before(async () => {
  scenario = parseScenario(generateScenario({ seed: 5, persons: 600, horizonDays: 12 }));
  plan = await planTransferWaves(scenario, { periodHours: 3 });
});

const roadTransport = () => plan.trips.find((t) => t.role === 'transport' && t.convoyId && t.persons.length > 2)!;
const airTransport = () => plan.trips.find((t) => t.role === 'transport' && !t.convoyId && t.persons.length > 2)!;
const stagingOut = () => plan.trips.find((t) => t.legId.includes('-STG-') && t.persons.length > 2)!;

function expectViolation(code: ViolationCode, mutate: (s: Scenario, p: Plan) => void, previous?: (p: Plan) => Plan) {
  const s = structuredClone(scenario);
  const p = structuredClone(plan);
  const prev = previous?.(structuredClone(plan));
  mutate(s, p);
  const v = validatePlan(s, p, { previous: prev });
  assert.ok(v.some((x) => x.code === code), `expected ${code}, got ${[...new Set(v.map((x) => x.code))].join(', ') || 'none'}`);
  assert.ok(v.every((x) => x.message.length > 0 && x.ids.length > 0));
}

void test('the solver plan itself has no violations', () => {
  assert.deepEqual(validatePlan(scenario, plan), []);
});

const trip = (p: Plan, id: string) => p.trips.find((t) => t.id === id)!;
const cases: [ViolationCode, (s: Scenario, p: Plan) => void][] = [
  ['unknown-reference', (_s, p) => { p.trips[0].assetId = 'NO-SUCH-ASSET'; }],
  ['duplicate-trip', (_s, p) => { p.trips[1].id = p.trips[0].id; }],
  ['asset-type-not-permitted', (s, p) => { const t = trip(p, airTransport().id); s.legs.find((l) => l.id === t.legId)!.assetTypes = ['C-130']; }],
  ['trip-timing', (_s, p) => { trip(p, airTransport().id).arriveHour += 1; }],
  ['outside-horizon', (s, p) => { s.horizonDays = Math.floor(p.trips.at(-1)!.departHour / 24); }],
  ['departure-window', (s, p) => { const t = trip(p, airTransport().id); s.legs.find((l) => l.id === t.legId)!.closedDays = [Math.floor(t.departHour / 24)]; }],
  ['asset-unavailable', (s, p) => { const t = trip(p, airTransport().id); s.assets.find((a) => a.id === t.assetId)!.availableToDay = 0; }],
  ['asset-overlap', (_s, p) => { const t = trip(p, airTransport().id); const other = p.trips.find((x) => x.assetId === t.assetId && x.id !== t.id)!; other.departHour = t.departHour + 0.5; other.arriveHour = other.departHour + (t.arriveHour - t.departHour); }],
  ['duty-hours', (s, p) => { const t = trip(p, airTransport().id); const a = s.assets.find((x) => x.id === t.assetId)!; s.assetTypes.find((x) => x.id === a.type)!.dutyHoursPerDay = 0.5; }],
  ['seats', (_s, p) => { trip(p, airTransport().id).guards = 200; }],
  ['guards', (_s, p) => { trip(p, airTransport().id).guards = 0; }],
  ['escort-carries', (_s, p) => { p.trips.find((t) => t.role === 'escort')!.guards = 3; }],
  ['convoy', (_s, p) => { delete trip(p, roadTransport().id).convoyId; }],
  ['ineligible-moved', (s, p) => { const id = trip(p, airTransport().id).persons[0]; s.persons.find((x) => x.id === id)!.ineligible = { reason: 'unfit to travel' }; }],
  ['before-earliest-day', (s, p) => { const t = trip(p, airTransport().id); s.persons.find((x) => x.id === t.persons[0])!.earliestDay = Math.floor(t.departHour / 24) + 1; }],
  ['separation-group', (s, p) => { for (const id of trip(p, airTransport().id).persons.slice(0, 2)) s.persons.find((x) => x.id === id)!.separationGroups = ['CO-ACCUSED-X']; }],
  ['category-separation', (s, p) => { const [a, b] = trip(p, airTransport().id).persons; s.persons.find((x) => x.id === a)!.category = 'rival-1'; s.persons.find((x) => x.id === b)!.category = 'rival-2'; s.categorySeparation.push(['rival-1', 'rival-2']); }],
  ['invalid-path', (_s, p) => { trip(p, stagingOut().id).persons.pop(); }],
  ['not-moved', (_s, p) => { for (const t of p.trips) t.persons = t.persons.filter((x) => x !== airTransport().persons[0]); }],
  ['holding-capacity', (s) => { s.facilities.find((f) => f.kind === 'staging')!.holdingCapacity = 5; }],
  ['dwell', (s) => { s.facilities.find((f) => f.kind === 'staging')!.maxDwellHours = 0.1; }],
  ['intake', (s) => { for (const f of s.facilities) if (f.kind === 'destination') f.dailyIntake = 3; }],
];
for (const [code, mutate] of cases) void test(`validator reports ${code}`, () => expectViolation(code, mutate));

void test('validator reports fixed-past-changed when a past trip is altered in a re-plan', () => {
  expectViolation('fixed-past-changed', (_s, p) => { p.fixedBeforeHour = 48; p.trips[0].guards += 1; }, (prev) => prev);
});
