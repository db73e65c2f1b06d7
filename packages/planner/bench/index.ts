// Solve time and gap for the demo scenario and generated 20,000 / 50,000-person scenarios, plus the
// demo re-plan after losing a third of the helicopters on day 3. Takes several minutes.
// npm run bench -w @custodian/planner [-- --only 7000,20000]
import { readFileSync } from 'node:fs';
import { generateScenario, parseDisruption, parseScenario, planTransferWaves, replanTransfers, validatePlan, type Scenario } from '../src/index';

const pkg = new URL('../', import.meta.url).pathname;
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1].split(',').map(Number) : [7000, 20000, 50000];

async function run(label: string, scenario: Scenario): Promise<void> {
  const cpu0 = process.cpuUsage();
  const plan = await planTransferWaves(scenario, { lpTimeLimitSeconds: 120 });
  const cpu = cpuSeconds(cpu0);
  const t0 = performance.now();
  const violations = validatePlan(scenario, plan).length;
  const validateSeconds = (performance.now() - t0) / 1000;
  const m = plan.metrics;
  console.log(`${label.padEnd(28)} persons ${String(scenario.persons.length).padStart(6)}  assets ${String(scenario.assets.length).padStart(4)}  solve ${m.solveSeconds.toFixed(1).padStart(6)} s (cpu ${cpu.toFixed(1).padStart(6)} s)  exposure ${m.exposure.toFixed(0).padStart(8)}  bound ${m.lowerBound.toFixed(0).padStart(8)}  gap ${(100 * m.gap).toFixed(2).padStart(6)} %  makespan ${m.makespanDays} d  trips ${m.trips}  violations ${violations} (validate ${validateSeconds.toFixed(1)} s)`);
  if (label === 'demo') {
    const d = parseDisruption(JSON.parse(readFileSync(`${pkg}scenarios/demo-disrupt-helicopters.json`, 'utf8')), scenario);
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const r = await replanTransfers(scenario, plan, d, { lpTimeLimitSeconds: 120 });
    const secs = (performance.now() - t1) / 1000;
    const rcpu = cpuSeconds(cpu1);
    const rm = r.plan.metrics;
    console.log(`${'demo re-plan (helos -1/3 d3)'.padEnd(28)} persons ${String(scenario.persons.length).padStart(6)}  assets ${String(r.scenario.assets.length).padStart(4)}  solve ${secs.toFixed(1).padStart(6)} s (cpu ${rcpu.toFixed(1).padStart(6)} s)  exposure ${rm.exposure.toFixed(0).padStart(8)}  bound ${rm.lowerBound.toFixed(0).padStart(8)}  gap ${(100 * rm.gap).toFixed(2).padStart(6)} %  makespan ${rm.makespanDays} d  trips ${rm.trips}  violations ${validatePlan(r.scenario, r.plan, { previous: plan }).length}`);
  }
}

/** CPU seconds used since `from`: the machine is shared, so wall-clock time is inflated. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

console.log(`planner bench ${new Date().toISOString()}  node ${process.version}`);
if (only.includes(7000)) await run('demo', parseScenario(JSON.parse(readFileSync(`${pkg}scenarios/demo.json`, 'utf8'))));
for (const n of only.filter((x) => x !== 7000)) await run(`generated seed 7`, parseScenario(generateScenario({ seed: 7, persons: n })));
