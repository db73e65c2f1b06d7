import type { Disruption, Plan, Trip } from '../scenario/plan-schema';
import type { Scenario } from '../scenario/scenario-schema';
import { planTransferWaves, type PlanOptions } from '../solve/plan-transfers';

export interface ReplanResult {
  /** the scenario with the disruption applied; validate the new plan against this one */
  scenario: Scenario;
  plan: Plan;
  /** events that could only partly apply (e.g. a person made ineligible who is already in transit) */
  notes: string[];
}

/** The disruption applied to the scenario from the start of `atDay`; the past is left unchanged. */
export function applyDisruption(scenario: Scenario, disruption: Disruption, movedBefore: Set<string>): { scenario: Scenario; notes: string[] } {
  const s: Scenario = structuredClone(scenario);
  const at = disruption.atDay;
  const notes: string[] = [];
  for (const e of disruption.events) {
    if (e.kind === 'asset-lost') {
      for (const id of e.assetIds) {
        const a = s.assets.find((x) => x.id === id)!;
        if (e.untilDay === undefined) a.availableToDay = Math.min(a.availableToDay ?? Infinity, at);
        else for (let d = at; d < e.untilDay; d++) a.downDays = [...new Set([...(a.downDays ?? []), d])];
      }
    } else if (e.kind === 'leg-closed') {
      const leg = s.legs.find((l) => l.id === e.legId)!;
      for (let d = Math.max(e.fromDay, at); d <= e.toDay; d++) leg.closedDays = [...new Set([...(leg.closedDays ?? []), d])];
    } else if (e.kind === 'risk-weight') {
      const f = s.facilities.find((x) => x.id === e.facilityId)!;
      const from = Math.max(e.fromDay, at);
      f.riskByDay = [...(f.riskByDay ?? []).filter((r) => r.fromDay !== from), { fromDay: from, value: e.value }];
    } else {
      const p = s.persons.find((x) => x.id === e.personId)!;
      if (movedBefore.has(p.id)) notes.push(`person ${p.id} already left the source before day ${at}; the journey continues (${e.reason})`);
      else p.ineligible = { reason: e.reason };
    }
  }
  return { scenario: s, notes };
}

/**
 * Re-plans from the start of `disruption.atDay`: trips that departed before then (flown or in
 * flight) are kept exactly; everything after is planned again on the disrupted scenario.
 */
export async function replanTransfers(scenario: Scenario, plan: Plan, disruption: Disruption, options: PlanOptions = {}): Promise<ReplanResult> {
  const startHour = Math.max(disruption.atDay * 24, plan.fixedBeforeHour);
  const fixed: Trip[] = plan.trips.filter((t) => t.departHour < startHour);
  const moved = new Set(fixed.flatMap((t) => t.persons));
  const { scenario: next, notes } = applyDisruption(scenario, disruption, moved);
  const idPrefix = `R${disruption.atDay}-${plan.trips.filter((t) => /^R\d+-/.test(t.id)).length > 0 ? 'b' : 'a'}-`;
  // re-plans must come back within seconds: a coarser (2 h) bound LP and fewer scheduler variants unless asked otherwise
  const newPlan = await planTransferWaves(next, { periodHours: 2, portfolio: 'quick', ...options }, { trips: fixed, startHour, idPrefix });
  newPlan.notes.push(...notes);
  return { scenario: next, plan: newPlan, notes };
}
