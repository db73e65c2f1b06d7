import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LinearProgram } from '../src/solve/lp-text';

/**
 * A small knapsack with a side row: the columns reach HiGHS in another order than their indices
 * (those with a cost first, in the objective: x1..x6; then x0, only in a row; x7 nowhere).
 */
function knapsack(): LinearProgram {
  const lp = new LinearProgram();
  const free = lp.col(0, 0, 3); // x0: only in the side row
  const slack = lp.col(0.5, 0, 2); // x1: in the side row, at a small cost (so it stays 0)
  const value = [6, 5, 8, 10, 6];
  const weight = [2, 3, 6, 7, 5];
  const items = value.map((v) => { const c = lp.col(-v, 0, 1); lp.integer(c); return c; }); // x2..x6
  lp.col(0, 0, 1); // x7: in no row and no cost
  lp.row(items.map((c, i): [number, number] => [weight[i], c]), '<=', 13);
  // the side row: x0 + x1 = 4 - (items taken among the last two)
  lp.row([[1, free], [1, slack], [1, items[3]], [1, items[4]]], '=', 4);
  lp.integer(free);
  return lp;
}

void test('solveMip with a stop rule reads the same solution as the one-shot solve, column by column', async () => {
  const oneShot = await knapsack().solveMip(10, 0);
  // a stop rule that never fires before optimality: the persistent model runs to the optimum
  const lp = knapsack();
  const ruled = await lp.solveMip(10, 0, 0.05, { afterSeconds: 1e9, gap: 0 });
  assert.equal(ruled.status, 'Optimal');
  assert.equal(oneShot.status, 'Optimal');
  assert.ok(Math.abs(ruled.objective - oneShot.objective) < 1e-9, `${ruled.objective} vs ${oneShot.objective}`);
  // best: items 0, 1 and 3 (weights 2 + 3 + 7 = 12, value 21; the next, items 0, 2 and 4, 20)
  assert.equal(ruled.objective, -21);
  for (let c = 0; c < lp.numCols; c++) assert.ok(Math.abs(ruled.value(c) - oneShot.value(c)) < 1e-9, `x${c}: ${ruled.value(c)} vs ${oneShot.value(c)}`);
  assert.deepEqual([2, 3, 4, 5, 6].map((c) => Math.round(ruled.value(c))), [1, 1, 0, 1, 0]);
  // the side row holds with the values as read: x0 + x1 = 4 - 1, x1 kept at 0 by its cost
  assert.deepEqual([ruled.value(0), ruled.value(1)].map(Math.round), [3, 0]);
  assert.equal(ruled.value(7), 0);
});

void test('solveMip with a stop rule ends the search once its plan is close enough to its bound', async () => {
  // a larger knapsack whose root leaves a gap: with any gap allowed from the start the search stops
  // at its first plan, short of the optimum, and the plan it returns is feasible
  const lp = new LinearProgram();
  const n = 60;
  const weight = Array.from({ length: n }, (_, i) => 20 + ((i * 37) % 41));
  const items = weight.map((w, i) => { const c = lp.col(-(w + ((i * 13) % 17)), 0, 1); lp.integer(c); return c; });
  lp.row(items.map((c, i): [number, number] => [weight[i], c]), '<=', 701);
  const r = await lp.solveMip(30, 0, 0.05, { afterSeconds: 0, gap: 1 });
  assert.ok(r.status.startsWith('Stopped after'), r.status);
  const optimum = await lp.solveMip(30, 0);
  assert.equal(optimum.status, 'Optimal');
  assert.ok(r.objective > optimum.objective + 1e-6, `${r.objective} vs ${optimum.objective}`);
  const used = items.reduce((t, c, i) => t + weight[i] * Math.round(r.value(c)), 0);
  assert.ok(used <= 701, `weight ${used}`);
  assert.ok(Number.isFinite(r.objective) && r.objective < 0);
});
