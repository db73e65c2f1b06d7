import type { Sortie } from './greedy-scheduler';
import { nextDeparture, type ScenarioIndex } from './scenario-index';

/**
 * Whole sorties from fractional trips per `${legId}|${typeId}|${period}` (periods of `periodHours`
 * from hour 0): per (leg, type) the cumulative count is rounded, so a sortie leaves in the period
 * where the running total crosses the next half, at the first departure that period's window
 * allows. The scheduler flies them as far as vehicles, duty and loads allow.
 */
export function sortiesFromTrips(ix: ScenarioIndex, tripsByPeriod: Map<string, number>, periodHours: number): Sortie[] {
  const byLegType = new Map<string, { q: number; v: number }[]>();
  for (const [key, v] of tripsByPeriod) {
    const [legId, typeId, q] = key.split('|');
    const k = `${legId}|${typeId}`;
    byLegType.set(k, [...(byLegType.get(k) ?? []), { q: Number(q), v }]);
  }
  const out: Sortie[] = [];
  const endHour = ix.scenario.horizonDays * 24;
  for (const [k, list] of [...byLegType].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [legId, typeId] = k.split('|');
    const leg = ix.leg.get(legId)!;
    list.sort((a, b) => a.q - b.q);
    let cum = 0;
    let done = 0;
    for (const { q, v } of list) {
      cum += v;
      const whole = Math.floor(cum + 0.5 + 1e-9);
      const dep = nextDeparture(ix, leg, q * periodHours, endHour) ?? q * periodHours;
      for (; done < whole; done++) out.push({ legId, typeId, hour: Math.min(dep, (q + 1) * periodHours) });
    }
  }
  return out.sort((a, b) => a.hour - b.hour);
}

/**
 * The LP's trips per `${legId}|${typeId}|${day}` cut down to the trips its flow on that leg and day
 * needs at full loads (`maxPersons` at the largest guard ratio): the interior-point optimum spreads
 * free, empty trips over legs (18 bus runs on the demo's Derik road on day 0 carrying 66 persons),
 * and a guide that prefers such legs sends whole convoys after persons the LP moves later.
 */
export function trimTripGuide(ix: ScenarioIndex, tripGuide: Map<string, number>, legFlows: Map<string, number>, maxPersonsPerTrip: (seats: number) => number): Map<string, number> {
  const capacity = new Map<string, number>();
  for (const [k, v] of tripGuide) {
    const [legId, typeId, day] = k.split('|');
    capacity.set(`${legId}|${day}`, (capacity.get(`${legId}|${day}`) ?? 0) + v * maxPersonsPerTrip(ix.seats(typeId)));
  }
  const out = new Map<string, number>();
  for (const [k, v] of tripGuide) {
    const [legId, , day] = k.split('|');
    const cap = capacity.get(`${legId}|${day}`)!;
    const scaled = cap > 0 ? v * Math.min(1, (legFlows.get(`${legId}|${day}`) ?? 0) / cap) : 0;
    if (scaled > 1e-6) out.set(k, scaled);
  }
  return out;
}
