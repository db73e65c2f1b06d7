import type { Trip } from '../scenario/plan-schema';
import type { Person } from '../scenario/scenario-schema';
import type { Violation } from '../validate/validate-plan';
import { scheduleGreedy, type ScheduleResult } from './greedy-scheduler';
import { wholeGuards, type ScenarioIndex } from './scenario-index';

/** Violation codes whose persons `stripJourneys` can take off the plan and plan again later. */
export const REPAIRABLE = new Set<Violation['code']>(['dwell', 'not-moved']);

/**
 * Takes the given persons off every trip of their journey (they are back at their source, as if
 * never moved), unless a trip of the journey departs before `fixedBeforeHour` (flown or in flight:
 * left as it is). Guards are recomputed per trip (whole guards per class). Trips keep their ids,
 * times and vehicles, even when emptied, so vehicle, duty and convoy rules hold as before.
 * Returns the new trips and the persons actually taken off.
 */
export function stripJourneys(ix: ScenarioIndex, trips: Trip[], personIds: Iterable<string>, fixedBeforeHour: number): { trips: Trip[]; stripped: Set<string> } {
  const wanted = new Set(personIds);
  const pinned = new Set<string>();
  for (const t of trips) if (t.departHour < fixedBeforeHour) for (const id of t.persons) if (wanted.has(id)) pinned.add(id);
  const stripped = new Set([...wanted].filter((id) => !pinned.has(id)));
  if (stripped.size === 0) return { trips, stripped };
  const risk = new Map<string, Person['risk']>(ix.scenario.persons.map((p) => [p.id, p.risk]));
  const out = trips.map((t) => {
    if (!t.persons.some((id) => stripped.has(id))) return t;
    const persons = t.persons.filter((id) => !stripped.has(id));
    return { ...t, persons, guards: wholeGuards(ix, persons.map((id) => risk.get(id)!)) };
  });
  return { trips: out, stripped };
}

/**
 * Repair of a plan the validator refuses only for persons kept too long at staging (or not moved
 * at all): their journeys are taken off the plan, and the constructive scheduler plans them again
 * around everything else, which stays fixed, admitting to staging only what can leave within the
 * dwell limit (`dwellGuard`). The vehicles are then free only after their last kept trip, so those
 * persons move late — a valid plan with more exposure is worth more than no plan. Repeats up to
 * `rounds` times on what is still refused. `validate` is the independent validator; the result is
 * the repaired trips and their remaining violations (empty when the repair succeeded).
 */
export function repairPlan(ix: ScenarioIndex, input: {
  trips: Trip[]; fixedBeforeHour: number; idPrefix: string; rounds?: number;
  validate: (trips: Trip[], unplanned: ScheduleResult['unplanned']) => Violation[];
  unplanned: ScheduleResult['unplanned'];
}): { trips: Trip[]; unplanned: ScheduleResult['unplanned']; violations: Violation[] } {
  let trips = input.trips, unplanned = input.unplanned;
  let violations = input.validate(trips, unplanned);
  const personIds = new Set(ix.scenario.persons.map((p) => p.id));
  for (let round = 1; round <= (input.rounds ?? 8) && violations.length > 0; round++) {
    if (violations.some((v) => !REPAIRABLE.has(v.code))) break;
    const bad = violations.flatMap((v) => v.ids.filter((id) => personIds.has(id)));
    const { trips: kept, stripped } = stripJourneys(ix, trips, bad, input.fixedBeforeHour);
    if (stripped.size === 0) break;
    let best: { trips: Trip[]; unplanned: ScheduleResult['unplanned']; violations: Violation[] } | undefined;
    for (const dwellGuard of [1, 0.5, 0.25, 0.1]) {
      const r = scheduleGreedy(ix, { startHour: input.fixedBeforeHour, fixedTrips: kept, idPrefix: `${input.idPrefix}R${round}-${Math.round(dwellGuard * 100)}-`, dwellGuard });
      const all = [...kept, ...r.trips].sort((a, b) => a.departHour - b.departHour);
      const v = input.validate(all, r.unplanned);
      if (!best || v.length < best.violations.length) best = { trips: all, unplanned: r.unplanned, violations: v };
      if (v.length === 0) break;
    }
    if (best!.violations.length >= violations.length) break; // no progress
    ({ trips, unplanned, violations } = best!);
  }
  return { trips, unplanned, violations };
}
