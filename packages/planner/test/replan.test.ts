import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DISRUPTION_VERSION, generateScenario, parseDisruption, parseScenario, planTransferWaves, replanTransfers, ScenarioError, validatePlan, type Plan, type Scenario } from '../src/index';

let scenario: Scenario;
let plan: Plan;
before(async () => {
  scenario = parseScenario(generateScenario({ seed: 9, persons: 2500, horizonDays: 14 }));
  plan = await planTransferWaves(scenario, { periodHours: 3 });
});

void test('re-plan after losing a third of the helicopters keeps the past and never uses the lost ones again', async () => {
  const helos = scenario.assets.filter((a) => ['CH-47', 'UH-60', 'Mi-17'].includes(a.type));
  const lost = helos.filter((_, i) => i % 3 === 0).map((a) => a.id);
  const atDay = 1;
  const later = plan.trips.find((t) => t.departHour >= 24 && t.persons.length > 0)!;
  const stillAtSource = scenario.persons.find((p) => !p.ineligible && plan.trips.every((t) => t.departHour >= 24 || !t.persons.includes(p.id)))!;
  const d = parseDisruption({
    version: DISRUPTION_VERSION, atDay, events: [
      { kind: 'asset-lost', assetIds: lost },
      { kind: 'leg-closed', legId: later.legId, fromDay: 1, toDay: 2 },
      { kind: 'person-ineligible', personId: stillAtSource.id, reason: 'unfit to travel' },
    ],
  }, scenario);
  const r = await replanTransfers(scenario, plan, d, { periodHours: 3 });
  assert.deepEqual(validatePlan(r.scenario, r.plan, { previous: plan }), []);
  const past = plan.trips.filter((t) => t.departHour < atDay * 24);
  assert.ok(past.length > 0);
  assert.deepEqual(r.plan.trips.filter((t) => t.departHour < atDay * 24), past);
  assert.ok(!r.plan.trips.some((t) => t.departHour >= atDay * 24 && lost.includes(t.assetId)));
  assert.ok(!r.plan.trips.some((t) => t.legId === later.legId && t.departHour >= 24 && t.departHour < 72));
  assert.ok(r.plan.unplanned.some((u) => u.personId === stillAtSource.id));
  assert.ok(r.plan.metrics.lowerBound <= r.plan.metrics.exposure);
});

void test('a person already in transit cannot be made ineligible; the journey continues and a note says so', async () => {
  const moving = plan.trips.find((t) => t.departHour < 24 && t.persons.length > 0)!.persons[0];
  const d = parseDisruption({ version: DISRUPTION_VERSION, atDay: 1, events: [{ kind: 'person-ineligible', personId: moving, reason: 'unfit to travel' }] }, scenario);
  const r = await replanTransfers(scenario, plan, d, { periodHours: 3 });
  assert.ok(r.notes.some((n) => n.includes(moving)));
  assert.deepEqual(validatePlan(r.scenario, r.plan, { previous: plan }), []);
});

void test('a disruption naming an unknown asset is rejected', () => {
  assert.throws(() => parseDisruption({ version: DISRUPTION_VERSION, atDay: 1, events: [{ kind: 'asset-lost', assetIds: ['NOPE'] }] }, scenario), ScenarioError);
});

void test('planning is deterministic', async () => {
  const again = await planTransferWaves(scenario, { periodHours: 3 });
  assert.deepEqual(again.trips, plan.trips);
});
