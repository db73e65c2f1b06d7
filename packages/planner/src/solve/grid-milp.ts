import type { Trip, Unplanned } from '../scenario/plan-schema';
import { lastSourceDepartureDay } from './exposure';
import { scheduleGreedy } from './greedy-scheduler';
import { exposureLowerBound, type BoundState } from './lower-bound';
import type { ScenarioIndex } from './scenario-index';
import { assignSorties, executeSorties } from './sortie-executor';
import { sortiesFromTrips } from './sorties';

export interface GridMilpOptions {
  /** last day modelled (exclusive); whoever is left then is planned by the constructive scheduler */
  endDay: number;
  /** HiGHS time limit for the MILP, wall-clock seconds */
  mipSeconds: number;
  /**
   * seconds the MILP may search beyond `mipSeconds` while its plan is more than 0.5 % from its dual
   * bound (default 0): on a slower or busier machine it still reaches the plan it finds in time on a quiet one
   */
  mipExtraSeconds?: number;
  /** time limit for the grid LP that chooses the MILP's departures */
  lpSeconds: number;
  /** grid step in hours (default 1; 0.5 fits the demo's 2.5 h, 3.5 h, 4.5 h and 5.5 h cycles exactly) */
  periodHours?: number;
  /** plan the persons separated from the majority as a class of their own (default true; see `BoundOptions.separateMinority`) */
  separateMinority?: boolean;
}

export interface GridMilpResult {
  candidates: { trips: Trip[]; unplanned: Unplanned[]; note: string }[];
  /** the MILP's own exposure (the plan it describes, before whole persons and seats) */
  milpExposure: number;
  status: string;
}

/**
 * the ways of flying the MILP's trips: how one more person on a source run weighs against the
 * multipliers of those taken, and who at staging goes first (see ExecuteInput)
 */
const VARIANTS: { perPerson: number; urgentBuffer?: number }[] = [{ perPerson: 1e8 }, ...[1e8, 3, 4].map((perPerson) => ({ perPerson, urgentBuffer: 4 }))];

/**
 * A first plan from a MILP on a time grid (`periodHours`): every departure exactly on a grid step,
 * so vehicle returns, staging arrivals and intake days are exact; aircraft are modelled vehicle by
 * vehicle (one trip at a time, duty per vehicle and day), road vehicles by type with whole convoys
 * and escorts; each trip's seats are shared among classes at their whole single-class loads
 * (`classShares`), so the loads it plans are ones real vehicles carry, and persons who may not share a
 * vehicle with the majority (cooperating witnesses) are a class of their own on whole vehicles
 * (`separateMinority`), so their vehicles are planned where they cost least; staging keeps a midnight
 * reserve for persons in the air (`midnightReserve`), so a re-plan after losing a helicopter at a
 * day's start is not left with landings it cannot fit. Its departures may only be those of the grid
 * LP (the same model relaxed, with a small cost per vehicle-hour so it flies no needless trips),
 * which keeps the MILP small enough for HiGHS to find a good plan within seconds. The MILP's trips
 * are then flown with real persons (sortie executor, a few ways of trading load value against load
 * size) and the constructive scheduler plans whoever is left after its horizon.
 */
export async function gridMilpPlans(ix: ScenarioIndex, state: BoundState, opts: GridMilpOptions): Promise<GridMilpResult> {
  const P = opts.periodHours ?? 1;
  const lp = await exposureLowerBound(ix, state, { timeLimitSeconds: opts.lpSeconds, periodHours: P, endDay: opts.endDay, gridExact: true, tripHourCost: 0.01 });
  if (lp.tripsByPeriod.size === 0) return { candidates: [], milpExposure: Infinity, status: `grid LP: ${lp.status}` };
  const milp = await exposureLowerBound(ix, state, {
    timeLimitSeconds: opts.mipSeconds, mipSeconds: opts.mipSeconds + (opts.mipExtraSeconds ?? 0), periodHours: P, endDay: opts.endDay,
    ...(opts.mipExtraSeconds ? { mipStop: { afterSeconds: opts.mipSeconds, gap: 0.005 } } : {}),
    gridExact: true, integerTrips: true, perVehicle: true, classShares: true, separateMinority: opts.separateMinority ?? true, midnightReserve: true, support: { tripsByPeriod: lp.tripsByPeriod, near: 0 },
  });
  const mp = milp.mipPlan;
  if (!mp || mp.tripsByPeriod.size === 0) return { candidates: [], milpExposure: Infinity, status: `grid MILP: ${milp.status}` };
  // the aircraft the MILP names per departure (a vehicle it leaves free may be named beside those
  // of the trips: its rows keep it within one trip at a time and its duty, so it flies a spare trip)
  const named = new Map<string, string[]>();
  for (const [k, ids] of mp.vehicles) {
    const [legId, , q] = k.split('|');
    const key = `${Number(q) * P}|${legId}`;
    named.set(key, [...(named.get(key) ?? []), ...ids]);
  }
  const classFlows = new Map<string, [number, number][]>();
  for (const [k, v] of mp.legFlowsByPeriod) {
    const [legId, c, q] = k.split('|');
    const key = `${legId}|${c}`;
    classFlows.set(key, [...(classFlows.get(key) ?? []), [Number(q) * P, v]]);
  }
  for (const l of classFlows.values()) l.sort((a, b) => a[0] - b[0]);
  const startHour = state.startDay * 24;
  const sorties = sortiesFromTrips(ix, mp.tripsByPeriod, P);
  const vehicles = await assignSorties(ix, sorties, named, [], startHour);
  const candidates: GridMilpResult['candidates'] = [];
  for (const { perPerson, urgentBuffer } of VARIANTS) {
    const flown = executeSorties(ix, { startHour, fixedTrips: [], idPrefix: 'M', classFlows, vehicles, perPerson, urgentBuffer });
    // whoever is left is planned by the constructive scheduler from the day after the last flown
    // departure from a source (around the trips flown after it, which it keeps)
    const tail = scheduleGreedy(ix, { startHour: (lastSourceDepartureDay(ix, flown, state.startDay) + 1) * 24, fixedTrips: flown, idPrefix: 'MG' });
    candidates.push({
      trips: [...flown, ...tail.trips], unplanned: tail.unplanned,
      note: `grid MILP (departures every ${P} h, aircraft by vehicle, loads as whole single-class shares, separated persons on vehicles of their own; ${mp.status}, its exposure ${mp.objective.toFixed(1)}) flown with loads weighing ${perPerson >= 1e6 ? 'the most persons first' : `${perPerson} per person against the exposure multipliers`}${urgentBuffer === undefined ? '' : `, at staging first who could not wait for the next departure (${urgentBuffer} h to spare)`}, then the constructive scheduler`,
    });
  }
  return { candidates, milpExposure: mp.objective, status: mp.status };
}
