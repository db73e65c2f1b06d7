import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, planTransferWaves, validatePlan } from '../src/index';
import { tinyScenario } from './fixtures';

// UH-60: 11 seats; low risk needs one guard per 6, so 9 persons + 2 guards per sortie, one sortie a day.
void test('18 low-risk persons, one sortie a day: 9 leave on day 0, 9 on day 1, exposure 9 x 0.5', async () => {
  const s = parseScenario(tinyScenario([{ id: 'A', weight: 1, persons: 18 }]));
  const plan = await planTransferWaves(s);
  assert.deepEqual(validatePlan(s, plan), []);
  assert.equal(plan.trips.length, 2);
  assert.deepEqual(plan.trips.map((t) => t.persons.length), [9, 9]);
  assert.equal(plan.metrics.exposure, 4.5);
  assert.equal(plan.metrics.makespanDays, 2);
  assert.ok(plan.metrics.lowerBound <= 4.5 + 1e-9 && plan.metrics.lowerBound > 4);
});

void test('the riskier source goes first', async () => {
  const s = parseScenario(tinyScenario([{ id: 'CALM', weight: 1, persons: 9 }, { id: 'HOT', weight: 5, persons: 9 }]));
  const plan = await planTransferWaves(s);
  assert.deepEqual(validatePlan(s, plan), []);
  const first = plan.trips.sort((a, b) => a.departHour - b.departHour)[0];
  assert.equal(first.legId, 'L-HOT');
  assert.equal(plan.metrics.exposure, 4.5); // only CALM waits one day: 9 x 1 x 0.5
  assert.ok(plan.metrics.gap < 0.06); // the LP may split a sortie: 9.43 seats-worth on day 0
});

void test('HVDs need one guard per two: 7 HVDs take 7 + 4 seats, so they fill day 0', async () => {
  const input = tinyScenario([{ id: 'A', weight: 2, persons: 7, risk: 'HVD' }]);
  const s = parseScenario(input);
  const plan = await planTransferWaves(s);
  assert.deepEqual(validatePlan(s, plan), []);
  assert.equal(plan.trips.length, 1);
  assert.equal(plan.trips[0].guards, 4);
  assert.equal(plan.metrics.exposure, 0);
});

void test('ineligible persons are reported, never planned, and add no exposure', async () => {
  const input = tinyScenario([{ id: 'A', weight: 1, persons: 3 }]);
  input.persons[1].ineligible = { reason: 'minor on an adult roster' };
  const s = parseScenario(input);
  const plan = await planTransferWaves(s);
  assert.deepEqual(validatePlan(s, plan), []);
  assert.deepEqual(plan.unplanned, [{ personId: 'P2', reason: 'ineligible: minor on an adult roster' }]);
  assert.ok(!plan.trips.some((t) => t.persons.includes('P2')));
});
