// Checks a plan against a scenario with the independent validator.
// npm run validate:plan -- --scenario FILE --plan FILE [--previous FILE]   (exit 1 when violations)
import { parsePlan, parseScenario, validatePlan } from '../src/index';
import { args, CliError, readJson, runCli } from './cli-io';

runCli(async () => {
  const a = args({ scenario: { type: 'string' }, plan: { type: 'string' }, previous: { type: 'string' }, json: { type: 'boolean' } });
  if (!a.scenario || !a.plan) throw new CliError('usage: validate:plan -- --scenario FILE --plan FILE [--previous FILE] [--json]');
  const scenario = parseScenario(readJson(a.scenario as string, 'scenario'));
  const plan = parsePlan(readJson(a.plan as string, 'plan'));
  const previous = a.previous ? parsePlan(readJson(a.previous as string, 'previous plan')) : undefined;
  const v = validatePlan(scenario, plan, { previous });
  if (a.json) console.log(JSON.stringify(v));
  else {
    for (const x of v) console.log(`${x.code}\t${x.message}\t[${x.ids.join(', ')}]`);
    console.log(`${v.length} violation(s) in ${plan.trips.length} trips`);
  }
  return v.length > 0 ? 1 : 0;
});
