import type { Trip } from '../scenario/plan-schema';
import type { ScenarioIndex } from './scenario-index';

/** Day each person first leaves their source, from a trip list. */
export function sourceDepartureDays(ix: ScenarioIndex, trips: Trip[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of trips) {
    const leg = ix.leg.get(t.legId)!;
    if (ix.facility.get(leg.from)!.kind !== 'source') continue;
    const d = Math.floor(t.departHour / 24);
    for (const p of t.persons) if (!out.has(p) || out.get(p)! > d) out.set(p, d);
  }
  return out;
}

/** The last day anyone leaves a source on these trips (`from` if nobody does). */
export function lastSourceDepartureDay(ix: ScenarioIndex, trips: Trip[], from: number): number {
  let last = from;
  for (const d of sourceDepartureDays(ix, trips).values()) last = Math.max(last, d);
  return last;
}

/** Risk-weighted exposure: eligible persons accrue weight x multiplier for each day before they leave (to the horizon if never). */
export function exposureOf(ix: ScenarioIndex, trips: Trip[], excluded: Set<string>): number {
  const dep = sourceDepartureDays(ix, trips);
  const s = ix.scenario;
  const prefix = new Map<string, number[]>();
  for (const f of s.facilities) {
    if (f.kind !== 'source') continue;
    const arr = [0];
    for (let d = 0; d < s.horizonDays; d++) arr.push(arr[d] + ix.riskWeight(f.id, d));
    prefix.set(f.id, arr);
  }
  let total = 0;
  for (const p of s.persons) {
    if (excluded.has(p.id)) continue;
    const d = Math.min(dep.get(p.id) ?? s.horizonDays, s.horizonDays);
    total += ix.multiplier(p.risk) * prefix.get(p.source)![d];
  }
  return total;
}

export function makespanDays(trips: Trip[]): number {
  let last = 0;
  for (const t of trips) if (t.persons.length > 0) last = Math.max(last, t.arriveHour);
  return Math.ceil(last / 24);
}
