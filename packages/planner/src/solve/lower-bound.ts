import { RISK_CLASSES, type Leg, type RiskClass } from '../scenario/scenario-schema';
import { LinearProgram } from './lp-text';
import { assetAvailable, type ScenarioIndex } from './scenario-index';

/**
 * LP relaxation of the transfer problem on a time-expanded network with periods of a few hours,
 * aggregated by (node, risk class): flows per leg/class/period, fractional vehicle trips per
 * leg/type/period, stocks at sources and staging. Every constraint is implied by the real rules
 * (duty hours, departure windows, seats with fractional guards, eligibility by day, staging
 * occupancy counting only arrivals that must have happened, intake counting only arrivals that must
 * have happened), so its optimum is a valid lower bound on exposure. Its trip counts per
 * (leg, asset type, day) guide the constructive scheduler.
 */

export interface BoundState {
  startDay: number;
  /** `separated`: of a category that may not share a vehicle with the majority (see `separatedCategories`) */
  atSource: { source: string; risk: RiskClass; earliestDay: number; separated?: boolean }[];
  atStaging: { node: string; risk: RiskClass; separated?: boolean }[];
  /** exposure that no decision from startDay can change */
  fixedExposure: number;
}

export interface BoundResult {
  lowerBound: number;
  status: string;
  /** LP vehicle trips per `${legId}|${typeId}|${day}` */
  tripGuide: Map<string, number>;
  /** LP vehicle trips per `${legId}|${typeId}|${period}` (periods of `periodHours` from hour 0) */
  tripsByPeriod: Map<string, number>;
  /** period length of `tripsByPeriod`, hours */
  periodHours: number;
  /** LP persons per `${legId}|${day}` */
  legFlows: Map<string, number>;
  /** LP departures per `${source}|${riskClass}|${day}` */
  sourceFlows: Map<string, number>;
  lpSeconds: number;
  size: { cols: number; rows: number };
  /** with `gridExact` and `integerTrips`: the MILP's incumbent, its objective and whole trips per `${legId}|${typeId}|${period}` */
  mipPlan?: { status: string; objective: number; tripsByPeriod: Map<string, number>; sourceFlows: Map<string, number>; legFlowsByPeriod: Map<string, number>; vehicles: Map<string, string[]> };
}

export interface BoundOptions {
  timeLimitSeconds: number;
  /** LP period length in hours (default 1); shorter is tighter and larger */
  periodHours?: number;
  /**
   * Last day modelled (exclusive). Stopping before the horizon keeps the bound valid: persons still
   * waiting at the end have paid every modelled day, and the days after are simply not counted.
   */
  endDay?: number;
  /**
   * also solve the MILP with integer convoys per (road leg, period) for at most this many seconds
   * and take the larger of its dual bound and the LP optimum (both valid); 0 or absent: LP only
   */
  mipSeconds?: number;
  /** per-vehicle duty patterns per (type, day) (default true); tighter, but its trips guide the scheduler differently */
  dutyPatterns?: boolean;
  /**
   * whole guards per trip (default true): persons of classes with guard ratio <= r on a trip number
   * at most maxPersons(seats, r); tighter, but its trips guide the scheduler differently
   */
  wholeGuards?: boolean;
  /**
   * departures exactly at period starts (a plan on that grid, not a bound): vehicles are back
   * ceil(cycle / P) periods later, persons can leave staging from ceil(duration / P) periods after
   * departure and occupy it from floor(duration / P), intake counts the exact arrival day; with
   * `integerTrips` the trips are whole and `mipSeconds` is spent finding a plan (see `mipPlan`);
   * whoever is still at a source or at staging at `endDay` is left to the caller
   */
  gridExact?: boolean;
  integerTrips?: boolean;
  /** with `integerTrips`: HiGHS's effort share for primal heuristics (default 0.5) */
  mipHeuristicEffort?: number;
  /**
   * with `integerTrips`: the search ends before `mipSeconds` once `afterSeconds` have passed with a
   * plan within `gap` (relative) of HiGHS's dual bound (see LinearProgram.solveMip)
   */
  mipStop?: { afterSeconds: number; gap: number };
  /** with `integerTrips`: only trips within `near` periods of a trip of this LP solution (same leg and type) may fly */
  support?: { tripsByPeriod: Map<string, number>; near: number };
  /**
   * with `integerTrips`: one binary per vehicle and trip, each vehicle on one trip at a time and
   * within its own duty each day (exact, unlike the pooled vehicle flow and duty patterns, which
   * whole vehicles cannot always fly); the MILP's plan then names the vehicle of every trip
   */
  perVehicle?: boolean;
  /**
   * plan model, not a bound: each trip is shared among classes, a class's share carrying its
   * single-class whole load (`maxPersons(seats, ratio)`: a Mi-17 14 HVDs or 18 medium-risk persons)
   * instead of the seat row with fractional guards, so loads the plan promises are ones whole
   * vehicles can carry (4 Mi-17s with 12 HVDs: 56.6 medium-risk persons beside them, whole loads
   * 57, where the seat row allowed 60)
   */
  classShares?: boolean;
  /**
   * with `integerTrips` (a plan, not a bound): persons in the air into staging at each midnight fit
   * there even if the departures from then on lose one vehicle's load (see the rows), so a re-plan
   * after losing vehicles at a day's start does not find staging overflowing with landings it cannot stop
   */
  midnightReserve?: boolean;
  /**
   * with `classShares` and `integerTrips` (a plan, not a bound): persons of categories separated
   * from the majority (`BoundState` `separated`) are a class of their own whose shares are whole
   * vehicles, so the plan spends a vehicle on each of their loads where it costs least (otherwise
   * they are modelled by risk class and their vehicles are found when the plan is flown)
   */
  separateMinority?: boolean;
  /** cost per vehicle-hour of a trip (guide only: the optimum then flies no needless trips, and is no bound) */
  tripHourCost?: number;
}

/** a class of the model: a risk class, or the persons separated from the majority (`separateMinority`) */
type ModelClass = RiskClass | typeof SEPARATED;
/** the key of separated persons' flows (`mipPlan.legFlowsByPeriod`: `${legId}|separated|${period}`) */
export const SEPARATED = 'separated';

export async function exposureLowerBound(ix: ScenarioIndex, st: BoundState, opts: BoundOptions): Promise<BoundResult> {
  const periodHours = opts.periodHours ?? 1;
  const started = performance.now();
  const s = ix.scenario;
  const H = Math.min(s.horizonDays, Math.max(st.startDay + 1, opts.endDay ?? s.horizonDays));
  const truncated = H < s.horizonDays;
  const K = Math.max(1, Math.round(24 / periodHours));
  const P = 24 / K;
  const q0 = st.startDay * K;
  const qEnd = H * K;
  const lp = new LinearProgram();
  const ratios = [...new Set(RISK_CLASSES.map((c) => ix.guardRatio(c)))].sort((a, b) => a - b);
  // the model's classes: the risk classes, and with `separateMinority` the separated persons
  const sep = opts.separateMinority === true && opts.classShares === true && opts.integerTrips === true
    && (st.atSource.some((p) => p.separated) || st.atStaging.some((p) => p.separated));
  const classes: readonly ModelClass[] = sep ? [...RISK_CLASSES, SEPARATED] : RISK_CLASSES;
  const inClass = (p: { risk: RiskClass; separated?: boolean }, c: ModelClass) => (sep && p.separated ? c === SEPARATED : c === p.risk);
  // separated persons travel with the guards of the strictest class among them
  const sepRatio = Math.min(...[...st.atSource, ...st.atStaging].filter((p) => p.separated).map((p) => ix.guardRatio(p.risk)));
  const ratioOf = (c: ModelClass) => (c === SEPARATED ? sepRatio : ix.guardRatio(c));
  const sepSources = new Set(st.atSource.filter((p) => p.separated).map((p) => p.source));

  const availCount = new Map<string, number>();
  const avail = (typeId: string, d: number) => {
    const key = `${typeId}@${d}`;
    let n = availCount.get(key);
    if (n === undefined) {
      n = s.assets.filter((a) => a.type === typeId && assetAvailable(a, d)).length;
      availCount.set(key, n);
    }
    return n;
  };
  /** hours of the period [a, b) (hours of day) in which a departure is permitted */
  const windowOverlap = (leg: Leg, a: number, b: number): number | undefined => {
    const w = leg.departWindow;
    const ranges: [number, number][] = !w ? [[0, 24]] : w.fromHour <= w.toHour ? [[w.fromHour, w.toHour]] : [[0, w.toHour], [w.fromHour, 24]];
    let best: number | undefined;
    for (const [x, y] of ranges) {
      const lo = Math.max(x, a);
      const hi = Math.min(y, b - 1e-9);
      if (hi >= lo) best = Math.max(best ?? 0, hi - lo);
    }
    return best;
  };

  /** whether a departure at this hour of day is permitted by the leg's window */
  const departOk = (leg: Leg, h: number): boolean => {
    const w = leg.departWindow;
    return !w || (w.fromHour <= w.toHour ? h >= w.fromHour && h <= w.toHour : h >= w.fromHour || h <= w.toHour);
  };
  const supported = (legId: string, typeId: string, q: number): boolean => {
    if (!opts.support) return true;
    for (let x = q - opts.support.near; x <= q + opts.support.near; x++) if ((opts.support.tripsByPeriod.get(`${legId}|${typeId}|${x}`) ?? 0) > 1e-6) return true;
    return false;
  };
  const f = new Map<string, number>(); // `${leg}|${class}|${q}` -> col
  const trip = new Map<string, number>(); // `${leg}|${type}|${q}` -> col
  const escortTrips = new Map<string, number>();
  const duty = new Map<string, [number, number][]>();
  const escortTypes = s.assetTypes.filter((t) => t.role === 'escort');
  for (const leg of s.legs) {
    for (let q = q0; q < qEnd; q++) {
      const d = Math.floor(q / K);
      const k = q - d * K;
      if (!ix.legOpenOnDay(leg, d)) continue;
      const span = opts.gridExact ? (departOk(leg, k * P) ? 0 : undefined) : windowOverlap(leg, k * P, (k + 1) * P);
      if (span === undefined) continue;
      const seatTerms: [number, number][] = [];
      const tripTypes: [string, number][] = [];
      const tripCols: number[] = [];
      for (const typeId of leg.assetTypes) {
        const type = ix.assetType.get(typeId)!;
        if (type.role === 'escort') continue;
        const a = avail(typeId, d);
        const cyc = ix.cycleHours(leg, typeId);
        if (a === 0 || cyc > type.dutyHoursPerDay) continue;
        const n = lp.col((opts.tripHourCost ?? 0) * cyc, 0, supported(leg.id, typeId, q) ? a * (Math.floor(span / cyc) + 1) : 0);
        if (opts.integerTrips) lp.integer(n);
        trip.set(`${leg.id}|${typeId}|${q}`, n);
        seatTerms.push([-ix.seats(typeId), n]);
        tripTypes.push([typeId, n]);
        tripCols.push(n);
        const key = `${typeId}@${d}`;
        duty.set(key, [...(duty.get(key) ?? []), [cyc, n]]);
      }
      if (tripCols.length === 0) continue;
      const load: [number, number][] = [];
      const legClasses = classes.filter((c) => c !== SEPARATED || ix.facility.get(leg.from)!.kind !== 'source' || sepSources.has(leg.from));
      for (const c of legClasses) {
        const v = lp.col();
        f.set(`${leg.id}|${c}|${q}`, v);
        load.push([1 + 1 / ratioOf(c), v]);
      }
      if (opts.classShares) {
        // shares per (type, class) within the type's trips; each class's persons within its shares' whole loads
        const share = new Map<string, number>(); // `${type}|${class}` -> col
        for (const [typeId, n] of tripTypes) {
          const zs = legClasses.map((c) => {
            const z = lp.col();
            // the separated persons' shares are whole vehicles
            if (c === SEPARATED) lp.integer(z);
            share.set(`${typeId}|${c}`, z);
            return z;
          });
          lp.row([...zs.map((z): [number, number] => [1, z]), [-1, n]], '<=', 0);
        }
        for (const c of legClasses) lp.row([[1, f.get(`${leg.id}|${c}|${q}`)!], ...tripTypes.map(([typeId]): [number, number] => [-maxPersons(ix.seats(typeId), ratioOf(c)), share.get(`${typeId}|${c}`)!])], '<=', 0);
      } else lp.row([...load, ...seatTerms], '<=', 0);
      // whole guards: a trip's guards for persons of classes with ratio <= r are at least
      // ceil(persons / r), so it carries at most maxPersons(seats, r) of them (a UH-60 takes 9 low-risk
      // persons, not the 9.43 fractional guards allow)
      for (const r of opts.wholeGuards === false || opts.classShares ? [] : ratios) {
        const cls = classes.filter((c) => ratioOf(c) <= r);
        lp.row([...cls.map((c): [number, number] => [1, f.get(`${leg.id}|${c}|${q}`)!]), ...tripTypes.map(([typeId, n]): [number, number] => [-maxPersons(ix.seats(typeId), r), n])], '<=', 0);
      }
      if (leg.mode === 'road' && s.convoy.minEscort > 0) {
        const esc: [number, number][] = [];
        for (const et of escortTypes) {
          const a = avail(et.id, d);
          const cyc = ix.cycleHours(leg, et.id);
          if (a === 0 || cyc > et.dutyHoursPerDay) continue;
          const e = lp.col((opts.tripHourCost ?? 0) * cyc, 0, supported(leg.id, et.id, q) ? a * (Math.floor(span / cyc) + 1) : 0);
          if (opts.integerTrips) lp.integer(e);
          escortTrips.set(`${leg.id}|${et.id}|${q}`, e);
          esc.push([-1, e]);
          const key = `${et.id}@${d}`;
          duty.set(key, [...(duty.get(key) ?? []), [cyc, e]]);
        }
        lp.row([...tripCols.map((n): [number, number] => [s.convoy.minEscort / s.convoy.maxVehicles, n]), ...esc], '<=', 0);
        // the MILP counts whole convoys: each carries at most maxVehicles transports and at least
        // minEscort escorts, so convoys >= trips / maxVehicles and escort trips >= minEscort x convoys
        const conv = lp.col(0, 0, Infinity);
        lp.integer(conv);
        lp.row([...tripCols.map((n): [number, number] => [1, n]), [-s.convoy.maxVehicles, conv]], '<=', 0);
        lp.row([[s.convoy.minEscort, conv], ...esc], '<=', 0);
      }
    }
  }
  // vehicles of each type flow through time: a trip takes one idle vehicle and gives it back
  // floor(cycle / P) periods later (rounded down, so never later than in reality); trips shorter
  // than a period share a vehicle-period with at most floor(P / cycle) + 1 others
  const byType = new Map<string, { q: number; n: number; m: number; share: number }[]>();
  for (const [key, n] of trip) {
    const [legId, typeId, q] = key.split('|');
    const cyc = ix.cycleHours(ix.leg.get(legId)!, typeId);
    const m = opts.gridExact ? Math.ceil(cyc / P - 1e-9) : Math.floor(cyc / P);
    byType.set(typeId, [...(byType.get(typeId) ?? []), { q: Number(q), n, m, share: m === 0 ? 1 / (Math.floor(P / cyc) + 1) : 1 }]);
  }
  for (const [key, n] of escortTrips) {
    const [legId, typeId, q] = key.split('|');
    const cyc = ix.cycleHours(ix.leg.get(legId)!, typeId);
    const m = opts.gridExact ? Math.ceil(cyc / P - 1e-9) : Math.floor(cyc / P);
    byType.set(typeId, [...(byType.get(typeId) ?? []), { q: Number(q), n, m, share: m === 0 ? 1 / (Math.floor(P / cyc) + 1) : 1 }]);
  }
  const vehicleOf = new Map<number, [string, number][]>(); // trip col -> [asset id, binary col]
  /** aircraft are modelled vehicle by vehicle; road vehicles (one or two long trips a day inside short windows) keep the pooled flow and duty patterns */
  const exactType = (typeId: string) => opts.perVehicle === true && ix.assetType.get(typeId)!.mode === 'air';
  if (opts.perVehicle) {
    const busy = new Map<string, Map<number, number[]>>(); // asset -> period -> binaries under way
    const dutyOf = new Map<string, [number, number][]>(); // `${asset}@${day}` -> [cycle, binary]
    for (const m of [trip, escortTrips]) for (const [key, n] of m) {
      const [legId, typeId, qs] = key.split('|');
      if (!exactType(typeId)) continue;
      const q = Number(qs);
      const d = Math.floor(q / K);
      const cyc = ix.cycleHours(ix.leg.get(legId)!, typeId);
      const mm = Math.ceil(cyc / P - 1e-9);
      const xs: [string, number][] = [];
      for (const a of supported(legId, typeId, q) ? s.assets : []) {
        if (a.type !== typeId || !assetAvailable(a, d)) continue;
        const x = lp.col(0, 0, 1);
        lp.integer(x);
        xs.push([a.id, x]);
        let b = busy.get(a.id);
        if (!b) { b = new Map(); busy.set(a.id, b); }
        for (let k = q; k < q + mm; k++) b.set(k, [...(b.get(k) ?? []), x]);
        const dk = `${a.id}@${d}`;
        dutyOf.set(dk, [...(dutyOf.get(dk) ?? []), [cyc, x]]);
      }
      lp.row([[1, n], ...xs.map(([, x]): [number, number] => [-1, x])], '<=', 0);
      vehicleOf.set(n, xs);
    }
    for (const b of busy.values()) for (const xs of b.values()) if (xs.length > 1) lp.row(xs.map((x): [number, number] => [1, x]), '<=', 1);
    for (const [dk, terms] of dutyOf) {
      const a = s.assets.find((x) => x.id === dk.slice(0, dk.lastIndexOf('@')))!;
      const duty = ix.assetType.get(a.type)!.dutyHoursPerDay;
      if (terms.reduce((t, [c]) => t + c, 0) > duty + 1e-9) lp.row(terms, '<=', duty);
    }
  }
  for (const [typeId, list] of [...byType].filter(([t]) => !exactType(t))) {
    const depAt = new Map<number, typeof list>();
    const retAt = new Map<number, typeof list>();
    for (const x of list) {
      depAt.set(x.q, [...(depAt.get(x.q) ?? []), x]);
      if (x.m > 0) retAt.set(x.q + x.m, [...(retAt.get(x.q + x.m) ?? []), x]);
    }
    let prev: number | undefined;
    let prevAvail = 0;
    for (let q = q0; q < qEnd; q++) {
      const a = avail(typeId, Math.floor(q / K));
      const v = lp.col(0, 0, a);
      const deps = depAt.get(q) ?? [];
      lp.row([...deps.map((x): [number, number] => [x.share, x.n]), [-1, v]], '<=', 0);
      if (prev !== undefined) {
        // idle now <= idle before - long departures before + returns now + vehicles that became available
        const terms: [number, number][] = [[1, v], [-1, prev]];
        for (const x of depAt.get(q - 1) ?? []) if (x.m > 0) terms.push([1, x.n]);
        for (const x of retAt.get(q) ?? []) terms.push([-1, x.n]);
        lp.row(terms, '<=', Math.max(0, a - prevAvail));
      }
      prev = v;
      prevAvail = a;
    }
  }

  // one vehicle's departures on one leg in one day: all inside the window, one cycle apart, within duty
  const perDay = new Map<string, number[]>();
  for (const [key, n] of trip) {
    const [legId, typeId, q] = key.split('|');
    const k = `${legId}|${typeId}|${Math.floor(Number(q) / K)}`;
    perDay.set(k, [...(perDay.get(k) ?? []), n]);
  }
  for (const [key, cols] of [...perDay].filter(([k]) => !exactType(k.split('|')[1]))) {
    const [legId, typeId, d] = key.split('|');
    const leg = ix.leg.get(legId)!;
    const type = ix.assetType.get(typeId)!;
    const cyc = ix.cycleHours(leg, typeId);
    const w = leg.departWindow;
    const inWindow = !w ? Math.floor(24 / cyc) + 1 : w.fromHour <= w.toHour ? Math.floor((w.toHour - w.fromHour) / cyc) + 1 : Math.floor(w.toHour / cyc) + 1 + Math.floor((24 - w.fromHour) / cyc) + 1;
    lp.row(cols.map((n): [number, number] => [1, n]), '<=', avail(typeId, Number(d)) * Math.min(Math.floor(type.dutyHoursPerDay / cyc), inWindow));
  }
  for (const [key, terms] of [...duty].filter(([k]) => !exactType(k.split('@')[0]))) {
    const [typeId, d] = key.split('@');
    lp.row(terms, '<=', avail(typeId, Number(d)) * ix.assetType.get(typeId)!.dutyHoursPerDay);
  }
  // Duty is per vehicle, not pooled per type: the trips one vehicle departs on one day form a
  // pattern (a count per leg) whose cycles fit its duty hours and whose count per leg fits the leg's
  // window. The type's trips per leg on that day are covered by a combination of at most `avail`
  // such patterns (only maximal ones are needed: covering allows fewer trips). A CH-47 that flies
  // the 8 h onward trip keeps 4 h, so one 3 h source run, not the 1.33 the pooled hours allow.
  const byTypeDayLeg = new Map<string, Map<string, number[]>>();
  for (const m of [trip, escortTrips]) for (const [key, col] of m) {
    const [legId, typeId, q] = key.split('|');
    const td = `${typeId}@${Math.floor(Number(q) / K)}`;
    let legs = byTypeDayLeg.get(td);
    if (!legs) { legs = new Map(); byTypeDayLeg.set(td, legs); }
    legs.set(legId, [...(legs.get(legId) ?? []), col]);
  }
  const patternCache = new Map<string, number[][] | undefined>();
  for (const [td, legs] of opts.dutyPatterns === false ? [] : [...byTypeDayLeg].filter(([k]) => !exactType(k.split('@')[0]))) {
    const [typeId, d] = td.split('@');
    const type = ix.assetType.get(typeId)!;
    const legIds = [...legs.keys()].sort();
    const cycles = legIds.map((id) => ix.cycleHours(ix.leg.get(id)!, typeId));
    const caps = legIds.map((id, i) => Math.min(Math.floor(type.dutyHoursPerDay / cycles[i] + 1e-9), windowTrips(ix.leg.get(id)!, cycles[i])));
    const ck = `${typeId}|${legIds.join(',')}`;
    if (!patternCache.has(ck)) patternCache.set(ck, maximalPatterns(cycles, caps, type.dutyHoursPerDay, 4000));
    const patterns = patternCache.get(ck);
    if (!patterns || patterns.length === 0) continue;
    const ys = patterns.map(() => lp.col(0, 0, Infinity));
    lp.row(ys.map((y): [number, number] => [1, y]), '<=', avail(typeId, Number(d)));
    legIds.forEach((id, i) => {
      lp.row([...legs.get(id)!.map((c): [number, number] => [1, c]), ...patterns.map((pt, j): [number, number] => [-pt[i], ys[j]])], '<=', 0);
    });
  }
  const flowsAt = (legs: Leg[], c: ModelClass, q: number): number[] => legs.map((l) => f.get(`${l.id}|${c}|${q}`)).filter((v): v is number => v !== undefined);
  const into = (node: string) => s.legs.filter((l) => l.to === node);

  const constant = st.fixedExposure;
  for (const src of s.facilities.filter((x) => x.kind === 'source')) {
    const out = ix.legsFrom.get(src.id) ?? [];
    for (const c of classes) {
      const group = st.atSource.filter((p) => p.source === src.id && inClass(p, c));
      if (group.length === 0) { for (let q = q0; q < qEnd; q++) for (const v of flowsAt(out, c, q)) lp.row([[1, v]], '=', 0); continue; }
      // separated persons: the mean multiplier of those at this source (they leave together)
      const mult = c === SEPARATED ? group.reduce((t, p) => t + ix.multiplier(p.risk), 0) / group.length : ix.multiplier(c);
      let prev: number | undefined;
      for (let q = q0; q < qEnd; q++) {
        const d = Math.floor(q / K);
        const endOfDay = q % K === K - 1;
        // persons still here at the end of the day: at least those not yet eligible
        const lb = endOfDay ? group.filter((p) => p.earliestDay > d).length : 0;
        const cost = endOfDay ? mult * ix.riskWeight(src.id, d) : 0;
        const r = lp.col(cost, lb, q === qEnd - 1 && !truncated && !opts.gridExact ? 0 : Infinity);
        const terms: [number, number][] = [[1, r], ...flowsAt(out, c, q).map((v): [number, number] => [1, v])];
        if (prev !== undefined) terms.push([-1, prev]);
        lp.row(terms, '=', prev === undefined ? group.length : 0);
        prev = r;
      }
    }
  }
  for (const node of s.facilities.filter((x) => x.kind === 'staging')) {
    const out = ix.legsFrom.get(node.id) ?? [];
    const inn = into(node.id);
    let initTotal = 0;
    for (const c of classes) {
      const init = st.atStaging.filter((p) => p.node === node.id && inClass(p, c)).length;
      initTotal += init;
      let prev: number | undefined;
      for (let q = q0; q < qEnd; q++) {
        const sv = lp.col(0, 0, q === qEnd - 1 && !truncated && !opts.gridExact ? 0 : Infinity);
        // a person who leaves for here in period q' is here from period q' + floor(duration / P)
        // at the earliest (t >= q'P, so floor((t + duration) / P) >= q' + floor(duration / P))
        const arriving = inn.map((l) => f.get(`${l.id}|${c}|${q - (opts.gridExact ? Math.ceil(l.durationHours / P - 1e-9) : Math.floor(l.durationHours / P + 1e-9))}`)).filter((v): v is number => v !== undefined);
        const terms: [number, number][] = [[1, sv], ...flowsAt(out, c, q).map((v): [number, number] => [1, v]), ...arriving.map((v): [number, number] => [-1, v])];
        if (prev !== undefined) terms.push([-1, prev]);
        lp.row(terms, '=', prev === undefined ? init : 0);
        prev = sv;
      }
    }
    // occupancy counting only arrivals that must have happened by the end of period q
    let prev: number | undefined;
    const occAt = new Map<number, number>();
    for (let q = q0; q < qEnd; q++) {
      const occ = lp.col(0, -Infinity, (node.holdingCapacity ?? 0) - initTotal);
      occAt.set(q, occ);
      const terms: [number, number][] = [[1, occ]];
      for (const l of inn) {
        const lag = opts.gridExact ? Math.floor(l.durationHours / P + 1e-9) : Math.ceil(l.durationHours / P);
        for (const c of classes) { const v = f.get(`${l.id}|${c}|${q - lag}`); if (v !== undefined) terms.push([-1, v]); }
      }
      for (const c of classes) for (const v of flowsAt(out, c, q)) terms.push([1, v]);
      if (prev !== undefined) terms.push([-1, prev]);
      lp.row(terms, '=', 0);
      // on the grid, persons landing exactly at a period start count before that instant's
      // departures (as the validator counts them): they must fit beside everyone there before it
      if (opts.gridExact && prev !== undefined) {
        const exact: [number, number][] = [];
        for (const l of inn) {
          const lag = l.durationHours / P;
          if (Math.abs(lag - Math.round(lag)) > 1e-9) continue;
          for (const c of classes) { const v = f.get(`${l.id}|${c}|${q - Math.round(lag)}`); if (v !== undefined) exact.push([1, v]); }
        }
        if (exact.length > 0) lp.row([[1, prev], ...exact], '<=', (node.holdingCapacity ?? 0) - initTotal);
      }
      prev = occ;
    }
    // midnight reserve: persons in the air into staging when a day starts land there whatever
    // happens to that day's vehicles, and a disruption (a lost helicopter) takes effect then; they
    // must fit beside everyone there even if one vehicle's departure from the midnight on is lost —
    // the largest whole load of a type that flies both into and out of this node (the helicopter of
    // a night pair runs a source leg before midnight and its own onward trip after it). Trips that
    // leave after midnight are not counted: a re-plan can hold them
    const R = opts.midnightReserve ? Math.max(0, ...s.assetTypes.filter((t) => t.role !== 'escort' && inn.some((l) => l.assetTypes.includes(t.id)) && out.some((l) => l.assetTypes.includes(t.id))).map((t) => maxPersons(ix.seats(t.id), ratios[ratios.length - 1]))) : 0;
    if (opts.gridExact && opts.integerTrips && R > 0) {
      const maxLag = Math.max(...inn.map((l) => Math.ceil(l.durationHours / P)));
      for (let d = st.startDay + 1; d < H; d++) {
        const qM = d * K;
        const before = occAt.get(qM - 1);
        if (before === undefined) continue;
        const terms: [number, number][] = [[1, before]];
        for (let q = qM; q < Math.min(qEnd, qM + maxLag); q++) {
          for (const l of inn) {
            const lag = Math.floor(l.durationHours / P + 1e-9);
            if (q - lag >= qM) continue; // left after midnight: can be re-planned
            for (const c of classes) { const v = f.get(`${l.id}|${c}|${q - lag}`); if (v !== undefined) terms.push([1, v]); }
          }
          for (const c of classes) for (const v of flowsAt(out, c, q)) terms.push([-1, v]);
          lp.row([...terms], '<=', (node.holdingCapacity ?? 0) - initTotal - R);
        }
      }
    }
  }
  for (const dst of s.facilities.filter((x) => x.kind === 'destination')) {
    const inn = into(dst.id);
    // arrivals whose day is certain (or within two days) must fit that day's (two days') intake;
    // cumulative arrivals that must have happened by the end of day d <= cumulative intake
    const byDay = new Map<number, number[]>();
    const within = new Map<string, number[]>();
    for (const l of inn) for (let q = q0; q < qEnd; q++) {
      const earliest = Math.floor((q * P + l.durationHours) / 24);
      const latest = opts.gridExact ? earliest : Math.floor(((q + 1) * P + l.durationHours - 1e-9) / 24);
      for (const c of classes) {
        const v = f.get(`${l.id}|${c}|${q}`);
        if (v === undefined) continue;
        byDay.set(latest, [...(byDay.get(latest) ?? []), v]);
        if (latest === earliest) { within.set(`${earliest}|1`, [...(within.get(`${earliest}|1`) ?? []), v]); within.set(`${earliest}|2`, [...(within.get(`${earliest}|2`) ?? []), v]); }
        if (latest === earliest + 1) within.set(`${earliest}|2`, [...(within.get(`${earliest}|2`) ?? []), v]);
      }
    }
    for (const [key, cols] of within) {
      const [d, len] = key.split('|').map(Number);
      let cap = 0;
      for (let x = d; x < d + len; x++) cap += ix.intake(dst.id, x);
      lp.row(cols.map((v): [number, number] => [1, v]), '<=', cap);
    }
    let cumIntake = 0;
    let prev: number | undefined;
    for (let d = st.startDay; d < H; d++) {
      cumIntake += ix.intake(dst.id, d);
      const acc = lp.col(0, 0, cumIntake);
      const terms: [number, number][] = [[1, acc], ...(byDay.get(d) ?? []).map((v): [number, number] => [-1, v])];
      if (prev !== undefined) terms.push([-1, prev]);
      lp.row(terms, '=', 0);
      prev = acc;
    }
  }

  if (opts.gridExact && opts.integerTrips) {
    const r = await lp.solveMip(opts.mipSeconds ?? opts.timeLimitSeconds, 1e-3, opts.mipHeuristicEffort ?? 0.5, opts.mipStop);
    const tripsByPeriod = new Map<string, number>();
    const sourceFlows = new Map<string, number>();
    const legFlowsByPeriod = new Map<string, number>();
    const vehicles = new Map<string, string[]>();
    for (const m of [trip, escortTrips]) for (const [key, col] of m) {
      const v = Math.round(r.value(col));
      if (v > 0) tripsByPeriod.set(key, v);
      const ids = (vehicleOf.get(col) ?? []).filter(([, x]) => r.value(x) > 0.5).map(([id]) => id);
      if (ids.length > 0) vehicles.set(key, ids);
    }
    for (const [key, col] of f) {
      const v = r.value(col);
      if (v <= 1e-6) continue;
      const [legId, c, q] = key.split('|');
      legFlowsByPeriod.set(key, v);
      const from = ix.leg.get(legId)!.from;
      const d = Math.floor(Number(q) / K);
      if (ix.facility.get(from)!.kind === 'source') sourceFlows.set(`${from}|${c}|${d}`, (sourceFlows.get(`${from}|${c}|${d}`) ?? 0) + v);
    }
    return {
      lowerBound: NaN, status: r.status, tripGuide: new Map(), tripsByPeriod, periodHours: P, legFlows: new Map(), sourceFlows,
      lpSeconds: (performance.now() - started) / 1000, size: { cols: lp.numCols, rows: lp.numRows },
      mipPlan: { status: r.status, objective: constant + r.objective, tripsByPeriod, sourceFlows, legFlowsByPeriod, vehicles },
    };
  }
  const res = await lp.solve(opts.timeLimitSeconds);
  let mip: { status: string; dualBound: number; primal: number } | undefined;
  if ((opts.mipSeconds ?? 0) > 0 && lp.numIntegers > 0 && res.status === 'Optimal') mip = await lp.solveMipBound(opts.mipSeconds!);
  const tripGuide = new Map<string, number>();
  const tripsByPeriod = new Map<string, number>();
  const legFlows = new Map<string, number>();
  const sourceFlows = new Map<string, number>();
  if (res.status === 'Optimal') {
    for (const [key, col] of f) {
      const [legId, c, q] = key.split('|');
      const v = res.value(col);
      if (v <= 1e-6) continue;
      const d = Math.floor(Number(q) / K);
      legFlows.set(`${legId}|${d}`, (legFlows.get(`${legId}|${d}`) ?? 0) + v);
      const from = ix.leg.get(legId)!.from;
      if (ix.facility.get(from)!.kind === 'source') sourceFlows.set(`${from}|${c}|${d}`, (sourceFlows.get(`${from}|${c}|${d}`) ?? 0) + v);
    }
    for (const [key, col] of escortTrips) { const v = res.value(col); if (v > 1e-6) tripsByPeriod.set(key, v); }
    for (const [key, col] of trip) {
      const [legId, typeId, q] = key.split('|');
      const v = res.value(col);
      if (v > 1e-6) { const k = `${legId}|${typeId}|${Math.floor(Number(q) / K)}`; tripGuide.set(k, (tripGuide.get(k) ?? 0) + v); tripsByPeriod.set(key, v); }
    }
  }
  return {
    lowerBound: res.status === 'Optimal' ? constant + Math.max(res.objective, mip?.dualBound ?? -Infinity) : NaN,
    status: mip ? `${res.status}; MILP ${mip.status}, dual bound ${(constant + mip.dualBound).toFixed(1)}, LP ${(constant + res.objective).toFixed(1)}` : res.status, tripGuide, tripsByPeriod, periodHours: P, legFlows, sourceFlows,
    lpSeconds: (performance.now() - started) / 1000, size: { cols: lp.numCols, rows: lp.numRows },
  };
}

/** Most departures one vehicle can make on a leg in one day inside its window, one cycle apart. */
function windowTrips(leg: Leg, cyc: number): number {
  const w = leg.departWindow;
  return !w ? Math.floor(24 / cyc) + 1 : w.fromHour <= w.toHour ? Math.floor((w.toHour - w.fromHour) / cyc) + 1 : Math.floor(w.toHour / cyc) + 1 + Math.floor((24 - w.fromHour) / cyc) + 1;
}

/**
 * Maximal trip-count vectors n (n[i] <= caps[i], sum n[i] x cycles[i] <= duty) to which no trip can be
 * added; undefined if there are more than `limit` (the pooled duty row still holds then).
 */
export function maximalPatterns(cycles: number[], caps: number[], duty: number, limit: number): number[][] | undefined {
  const out: number[][] = [];
  const n = cycles.map(() => 0);
  let overflow = false;
  const rec = (i: number, used: number): void => {
    if (overflow) return;
    if (i === cycles.length) {
      const maximal = cycles.every((c, j) => n[j] >= caps[j] || used + c > duty + 1e-9);
      if (maximal) { out.push([...n]); if (out.length > limit) overflow = true; }
      return;
    }
    for (let k = Math.min(caps[i], Math.floor((duty - used) / cycles[i] + 1e-9)); k >= 0; k--) {
      n[i] = k;
      rec(i + 1, used + k * cycles[i]);
    }
    n[i] = 0;
  };
  rec(0, 0);
  return overflow ? undefined : out;
}

/** Most persons one trip with `seats` seats carries when each needs guards at `ratio` (whole guards). */
export function maxPersons(seats: number, ratio: number): number {
  let n = Math.floor((seats * ratio) / (ratio + 1));
  while (n > 0 && n + Math.ceil(n / ratio) > seats) n--;
  while (n + 1 + Math.ceil((n + 1) / ratio) <= seats) n++;
  return n;
}
