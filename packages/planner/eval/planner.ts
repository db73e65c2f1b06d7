// Solves a scenario, optionally re-plans after a disruption, validates, prints the figures.
// npm run eval:planner -- [--scenario FILE] [--disrupt FILE] [--json] [--out PLAN.json] [--out-scenario FILE]
import { parseDisruption, parseScenario, planTransferWaves, replanTransfers, validatePlan } from '../src/index';
import { args, CliError, readJson, repoRoot, runCli, writeJson } from './cli-io';

runCli(async () => {
  const a = args({
    scenario: { type: 'string' }, disrupt: { type: 'string' }, json: { type: 'boolean' },
    out: { type: 'string' }, 'out-scenario': { type: 'string' }, 'time-limit': { type: 'string' },
  });
  const scenarioPath = (a.scenario as string | undefined) ?? `${repoRoot}packages/planner/scenarios/demo.json`;
  const limit = a['time-limit'] === undefined ? 60 : Number(a['time-limit']);
  if (!(limit > 0)) throw new CliError(`--time-limit must be a positive number of seconds, got "${String(a['time-limit'])}"`);
  const scenario = parseScenario(readJson(scenarioPath, 'scenario'));
  const disruption = a.disrupt ? parseDisruption(readJson(a.disrupt as string, 'disruption'), scenario) : undefined;

  const cpu0 = process.cpuUsage();
  const plan = await planTransferWaves(scenario, { lpTimeLimitSeconds: limit });
  const solveCpu = cpuSeconds(cpu0);
  let violations = validatePlan(scenario, plan).length;
  let final = plan;
  let finalScenario = scenario;
  let replanSeconds: number | null = null;
  let replanCpu = 0;
  if (disruption) {
    const t0 = performance.now();
    const cpu1 = process.cpuUsage();
    const r = await replanTransfers(scenario, plan, disruption, { lpTimeLimitSeconds: limit });
    replanSeconds = (performance.now() - t0) / 1000;
    replanCpu = cpuSeconds(cpu1);
    violations += validatePlan(r.scenario, r.plan, { previous: plan }).length;
    final = r.plan;
    finalScenario = r.scenario;
  }
  if (a.out) writeJson(a.out as string, final);
  if (a['out-scenario']) writeJson(a['out-scenario'] as string, finalScenario);
  const m = final.metrics;
  const out = {
    exposure: m.exposure, lowerBound: m.lowerBound, gap: m.gap, makespanDays: m.makespanDays,
    solveSeconds: plan.metrics.solveSeconds, replanSeconds, violations, persons: scenario.persons.length, unplanned: final.unplanned.length,
  };
  if (a.json) { console.log(JSON.stringify(out)); return 0; }
  const fmt = (p: typeof plan) => `exposure ${p.metrics.exposure.toFixed(1)}, lower bound ${p.metrics.lowerBound.toFixed(1)}, gap ${(100 * p.metrics.gap).toFixed(2)} %, makespan ${p.metrics.makespanDays} days, ${p.metrics.trips} trips`;
  console.log(`scenario ${scenario.id}: ${scenario.persons.length} persons, ${scenario.assets.length} assets, ${scenario.legs.length} legs`);
  console.log(`plan:    ${fmt(plan)}; solve ${plan.metrics.solveSeconds.toFixed(2)} s (cpu ${solveCpu.toFixed(2)} s)`);
  if (disruption) console.log(`re-plan: ${fmt(final)}; re-plan ${replanSeconds!.toFixed(2)} s (cpu ${replanCpu.toFixed(2)} s; from day ${disruption.atDay}: ${disruption.description ?? `${disruption.events.length} event(s)`})`);
  console.log(`unplanned ${final.unplanned.length} (${[...new Set(final.unplanned.map((u) => u.reason))].join('; ') || 'none'})`);
  console.log(`violations ${violations}`);
  return 0;
});

/** CPU seconds this process used since `from` (wall-clock time is inflated on a shared machine). */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}
