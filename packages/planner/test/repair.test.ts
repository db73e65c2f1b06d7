import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, validatePlan, type Plan, type Trip } from '../src/index';
import { scheduleGreedy } from '../src/solve/greedy-scheduler';
import { repairPlan, stripJourneys } from '../src/solve/repair';
import { indexScenario } from '../src/solve/scenario-index';
import { planFromTrips } from './fixtures';
import { randomScenario } from './random-scenario';

void test('stripping a journey takes the person off every trip, recomputes whole guards and leaves flown journeys alone', () => {
  const scenario = parseScenario(randomScenario(8));
  const ix = indexScenario(scenario);
  const { trips } = scheduleGreedy(ix, { startHour: 0, fixedTrips: [], idPrefix: '' });
  const first = trips.find((t) => t.persons.length >= 3 && t.departHour >= 24)!;
  const early = trips.find((t) => t.persons.length > 0 && t.departHour < 24)!;
  const [a] = first.persons;
  const [b] = early.persons;
  const r = stripJourneys(ix, trips, [a, b], 24);
  assert.deepEqual([...r.stripped], [a], 'a person with a trip before the fixed hour is not stripped');
  assert.ok(r.trips.every((t) => !t.persons.includes(a)), 'the stripped person is on no trip');
  assert.ok(r.trips.some((t) => t.persons.includes(b)), 'the flown person keeps the journey');
  assert.equal(r.trips.length, trips.length, 'trips keep their vehicles and times, even emptied');
  const risk = new Map(scenario.persons.map((p) => [p.id, p.risk]));
  for (const t of r.trips) {
    const n = new Map<string, number>();
    for (const id of t.persons) n.set(risk.get(id)!, (n.get(risk.get(id)!) ?? 0) + 1);
    const need = [...n].reduce((g, [c, k]) => g + Math.ceil(k / ix.guardRatio(c as 'HVD')), 0);
    assert.equal(t.guards, need, `trip ${t.id}: guards recomputed`);
  }
});

void test('repair turns a plan refused for dwell into a valid one: the persons held too long are planned again after the rest', () => {
  // seed 8: the unguided scheduler keeps persons at staging beyond its 12 h dwell limit
  const scenario = parseScenario(randomScenario(8));
  const ix = indexScenario(scenario);
  const r = scheduleGreedy(ix, { startHour: 0, fixedTrips: [], idPrefix: '', dwellGuard: 0.3 });
  const validate = (trips: Trip[], unplanned: Plan['unplanned']) => validatePlan(scenario, planFromTrips(scenario, trips, unplanned));
  const before = validate(r.trips, r.unplanned);
  assert.ok(before.length > 0 && before.every((v) => v.code === 'dwell'), `the unrepaired plan breaks only the dwell limit (${before.length})`);
  const fixed = repairPlan(ix, { trips: r.trips, unplanned: r.unplanned, fixedBeforeHour: 0, idPrefix: '', validate });
  assert.deepEqual(fixed.violations, []);
  assert.deepEqual(validate(fixed.trips, fixed.unplanned), []);
  const held = new Set(before.flatMap((v) => v.ids));
  const newTrips = fixed.trips.filter((t) => t.id.startsWith('R'));
  assert.ok(newTrips.some((t) => t.persons.some((id) => held.has(id))), 'the persons held too long travel on new trips');
  // a repair with no rounds changes nothing
  const none = repairPlan(ix, { trips: r.trips, unplanned: r.unplanned, fixedBeforeHour: 0, idPrefix: '', validate, rounds: 0 });
  assert.equal(none.violations.length, before.length);
});
