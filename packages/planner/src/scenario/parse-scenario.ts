import type { z } from 'zod';
import { ScenarioError, type InputIssue } from '../errors';
import { DEFAULT_SEATS, ScenarioSchema, type Scenario } from './scenario-schema';
import { DisruptionSchema, PlanSchema, type Disruption, type Plan } from './plan-schema';

function zodIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ code: 'schema', message: `${i.path.join('.') || '(root)'}: ${i.message}`, path: i.path.join('.') }));
}

function duplicates(kind: string, path: string, items: { id: string }[]): InputIssue[] {
  const seen = new Map<string, number>();
  const out: InputIssue[] = [];
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) out.push({ code: `duplicate-${kind}`, message: `${kind} id "${item.id}" is used at ${path}.${first} and ${path}.${i}`, path: `${path}.${i}.id`, ids: [item.id] });
    else seen.set(item.id, i);
  });
  return out;
}

/** Checks that need the whole document: references, duplicates, reachability. */
function semanticIssues(s: Scenario): InputIssue[] {
  const issues: InputIssue[] = [
    ...duplicates('facility', 'facilities', s.facilities),
    ...duplicates('leg', 'legs', s.legs),
    ...duplicates('asset-type', 'assetTypes', s.assetTypes),
    ...duplicates('asset', 'assets', s.assets),
    ...duplicates('person', 'persons', s.persons),
  ];
  const fac = new Map(s.facilities.map((f) => [f.id, f]));
  const types = new Map(s.assetTypes.map((t) => [t.id, t]));
  s.facilities.forEach((f, i) => {
    const need = (field: keyof typeof f, why: string) => {
      if (f[field] === undefined) issues.push({ code: 'missing-field', message: `facility "${f.id}" (${f.kind}) needs ${String(field)}: ${why}`, path: `facilities.${i}.${String(field)}`, ids: [f.id] });
    };
    if (f.kind === 'source') need('riskWeight', 'exposure is weighted by it');
    if (f.kind === 'staging') { need('holdingCapacity', 'staging holds persons'); need('maxDwellHours', 'persons may not stay indefinitely'); }
    if (f.kind === 'destination') need('dailyIntake', 'receiving facilities have intake limits');
  });
  s.assetTypes.forEach((t, i) => {
    if (t.seats === undefined && DEFAULT_SEATS[t.id] === undefined && t.role === 'transport')
      issues.push({ code: 'missing-field', message: `asset type "${t.id}" has no seats and no default exists`, path: `assetTypes.${i}.seats`, ids: [t.id] });
  });
  s.legs.forEach((l, i) => {
    const from = fac.get(l.from);
    const to = fac.get(l.to);
    if (!from) issues.push({ code: 'unknown-facility', message: `leg "${l.id}" starts at unknown facility "${l.from}"`, path: `legs.${i}.from`, ids: [l.id, l.from] });
    if (!to) issues.push({ code: 'unknown-facility', message: `leg "${l.id}" leads to unknown facility "${l.to}" (leg to nowhere)`, path: `legs.${i}.to`, ids: [l.id, l.to] });
    if (from?.kind === 'destination') issues.push({ code: 'bad-leg', message: `leg "${l.id}" leaves destination "${l.from}"`, path: `legs.${i}.from`, ids: [l.id] });
    if (to?.kind === 'source') issues.push({ code: 'bad-leg', message: `leg "${l.id}" leads into source "${l.to}"`, path: `legs.${i}.to`, ids: [l.id] });
    if (l.from === l.to) issues.push({ code: 'bad-leg', message: `leg "${l.id}" starts and ends at "${l.from}"`, path: `legs.${i}`, ids: [l.id] });
    l.assetTypes.forEach((tid, j) => {
      const t = types.get(tid);
      if (!t) issues.push({ code: 'unknown-asset-type', message: `leg "${l.id}" permits unknown asset type "${tid}"`, path: `legs.${i}.assetTypes.${j}`, ids: [l.id, tid] });
      else if (t.mode !== l.mode) issues.push({ code: 'mode-mismatch', message: `leg "${l.id}" is ${l.mode} but asset type "${tid}" is ${t.mode}`, path: `legs.${i}.assetTypes.${j}`, ids: [l.id, tid] });
    });
  });
  s.assets.forEach((a, i) => {
    if (!types.has(a.type)) issues.push({ code: 'unknown-asset-type', message: `asset "${a.id}" has unknown type "${a.type}"`, path: `assets.${i}.type`, ids: [a.id, a.type] });
    if (!fac.has(a.homeBase)) issues.push({ code: 'unknown-facility', message: `asset "${a.id}" has unknown home base "${a.homeBase}"`, path: `assets.${i}.homeBase`, ids: [a.id, a.homeBase] });
  });
  // every node that persons can reach must lead on to a destination, or they would be stranded
  const reaches = new Set(s.facilities.filter((f) => f.kind === 'destination').map((f) => f.id));
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of s.legs) if (reaches.has(l.to) && !reaches.has(l.from)) { reaches.add(l.from); changed = true; }
  }
  s.legs.forEach((l, i) => {
    if (fac.get(l.to)?.kind === 'staging' && !reaches.has(l.to))
      issues.push({ code: 'dead-end', message: `leg "${l.id}" leads to staging "${l.to}" from which no destination is reachable`, path: `legs.${i}.to`, ids: [l.id, l.to] });
  });
  s.persons.forEach((p, i) => {
    const src = fac.get(p.source);
    if (!src) issues.push({ code: 'unknown-facility', message: `person "${p.id}" has unknown source "${p.source}"`, path: `persons.${i}.source`, ids: [p.id, p.source] });
    else if (src.kind !== 'source') issues.push({ code: 'bad-source', message: `person "${p.id}" source "${p.source}" is a ${src.kind}, not a source`, path: `persons.${i}.source`, ids: [p.id, p.source] });
    else if (!p.ineligible && !reaches.has(p.source)) issues.push({ code: 'dead-end', message: `person "${p.id}": no route from "${p.source}" to any destination`, path: `persons.${i}.source`, ids: [p.id, p.source] });
    if (p.earliestDay >= s.horizonDays) issues.push({ code: 'beyond-horizon', message: `person "${p.id}" earliestDay ${p.earliestDay} is not within horizonDays ${s.horizonDays}`, path: `persons.${i}.earliestDay`, ids: [p.id] });
  });
  return issues;
}

/** Parses and checks a scenario document; throws ScenarioError listing every problem. */
export function parseScenario(input: unknown): Scenario {
  const r = ScenarioSchema.safeParse(input);
  if (!r.success) throw new ScenarioError('scenario', zodIssues(r.error));
  const issues = semanticIssues(r.data);
  if (issues.length > 0) throw new ScenarioError('scenario', issues);
  return r.data;
}

export function parsePlan(input: unknown): Plan {
  const r = PlanSchema.safeParse(input);
  if (!r.success) throw new ScenarioError('plan', zodIssues(r.error));
  return r.data;
}

export function parseDisruption(input: unknown, scenario: Scenario): Disruption {
  const r = DisruptionSchema.safeParse(input);
  if (!r.success) throw new ScenarioError('disruption', zodIssues(r.error));
  const assets = new Set(scenario.assets.map((a) => a.id));
  const legs = new Set(scenario.legs.map((l) => l.id));
  const facs = new Set(scenario.facilities.filter((f) => f.kind === 'source').map((f) => f.id));
  const persons = new Set(scenario.persons.map((p) => p.id));
  const issues: InputIssue[] = [];
  r.data.events.forEach((e, i) => {
    const path = `events.${i}`;
    if (e.kind === 'asset-lost') for (const a of e.assetIds) { if (!assets.has(a)) issues.push({ code: 'unknown-asset', message: `unknown asset "${a}"`, path, ids: [a] }); }
    if (e.kind === 'leg-closed' && !legs.has(e.legId)) issues.push({ code: 'unknown-leg', message: `unknown leg "${e.legId}"`, path, ids: [e.legId] });
    if (e.kind === 'risk-weight' && !facs.has(e.facilityId)) issues.push({ code: 'unknown-facility', message: `unknown source facility "${e.facilityId}"`, path, ids: [e.facilityId] });
    if (e.kind === 'person-ineligible' && !persons.has(e.personId)) issues.push({ code: 'unknown-person', message: `unknown person "${e.personId}"`, path, ids: [e.personId] });
  });
  if (issues.length > 0) throw new ScenarioError('disruption', issues);
  return r.data;
}
