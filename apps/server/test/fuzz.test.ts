import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './harness';
import { fuzzRoutes } from './fuzz';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

test('R17 (quick): generated requests never yield a 500, a stack trace or SQL', async () => {
  const r = await fuzzRoutes(h, 60);
  process.stdout.write(`# fuzz: ${r.requests} requests, statuses ${JSON.stringify(r.byStatus)}\n`);
});
