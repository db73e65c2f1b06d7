import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, planTransferWaves, validatePlan } from '../src/index';
import { maxPersons } from '../src/solve/lower-bound';
import { tinyScenario } from './fixtures';

void test('maxPersons: the most persons a trip seats with whole guards', () => {
  // n + ceil(n / ratio) <= seats
  assert.equal(maxPersons(11, 6), 9); // 9 + 2 = 11; 10 + 2 = 12
  assert.equal(maxPersons(11, 2), 7); // 7 + 4 = 11; 8 + 4 = 12
  assert.equal(maxPersons(33, 6), 28);
  assert.equal(maxPersons(33, 4), 26); // 26 + 7 = 33; 27 + 7 = 34
  assert.equal(maxPersons(33, 2), 22);
  assert.equal(maxPersons(22, 6), 18); // 18 + 3 = 21; 19 + 4 = 23
  assert.equal(maxPersons(92, 6), 78);
  assert.equal(maxPersons(45, 6), 38);
  assert.equal(maxPersons(2, 2), 1);
  assert.equal(maxPersons(1, 6), 0);
});

/**
 * One UH-60 (11 seats), one 3 h round trip a day. 10 low-risk persons: 9 leave on day 0 (9 + 2
 * guards), the last on day 1: optimum 1 x weight 1 x 0.5 = 0.5. With fractional guards a trip
 * carries 11 / (7/6) = 9.43 persons and the bound was 0.29; whole guards make it exact. 10 HVDs (1:2):
 * 7 + 4 guards a trip, 3 wait a day: 3 x 5 = 15 (fractional guards: 7.33 a trip, bound 13.33).
 */
for (const [risk, optimum] of [['low', 0.5], ['HVD', 15]] as const) {
  void test(`whole guards make the bound exact on one vehicle and 10 ${risk} persons (optimum ${optimum})`, async () => {
    const s = parseScenario(tinyScenario([{ id: 'S', weight: 1, persons: 10, risk }]));
    const plan = await planTransferWaves(s);
    assert.deepEqual(validatePlan(s, plan), []);
    assert.equal(plan.metrics.exposure, optimum);
    assert.ok(Math.abs(plan.metrics.lowerBound - optimum) < 1e-6, `bound ${plan.metrics.lowerBound}`);
  });
}
