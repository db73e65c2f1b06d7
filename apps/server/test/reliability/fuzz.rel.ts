import { after, before, test } from 'node:test';
import { startHarness, type Harness } from '../harness';
import { fuzzRoutes } from '../fuzz';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

test('R17: 10,000 generated requests per route', { timeout: 60 * 60_000 }, async () => {
  const r = await fuzzRoutes(h, Number(process.env.R17_RUNS ?? 10_000));
  process.stdout.write(`# fuzz: ${r.requests} requests, statuses ${JSON.stringify(r.byStatus)}\n`);
});
