import { RISK_CLASSES, type Asset, type Leg, type Person, type RiskClass } from '../scenario/scenario-schema';
import type { Trip } from '../scenario/plan-schema';
import type { Sortie } from './greedy-scheduler';
import { assetAvailable, separatedCategories, wholeGuards, type ScenarioIndex } from './scenario-index';
import { StagingLoad } from './staging-load';
import { LinearProgram } from './lp-text';
import { maxPersons, SEPARATED } from './lower-bound';

/**
 * Flies a whole-trip schedule (the grid MILP's sorties: leg, asset type, departure hour, and for
 * aircraft the vehicle) with real vehicles and persons. Sorties of types the schedule names no
 * vehicles for are assigned here (see `assignSorties`); road sorties leaving together form convoys
 * with their escorts. Loads follow the schedule's persons per (leg, class), counted cumulatively so
 * a shortfall is made up on the leg's next sortie; each vehicle's class mix is a small knapsack
 * (whole guards per class). Trips into staging are loaded when they land and trips out of it when
 * they leave, so the room a landing needs is what the departures before it left. Seats with whole
 * guards, staging room, intake, separation and eligibility are checked as the validator does; a
 * sortie with nobody to carry is dropped, and whoever is left is for the scheduler that follows.
 */

export interface ExecuteInput {
  startHour: number;
  fixedTrips: Trip[];
  idPrefix: string;
  /**
   * persons per `${legId}|${riskClass}` moved by each departure hour: `[hour, persons]` in time
   * order; when it has `${legId}|separated` entries, the schedule plans the persons separated from
   * the majority (see `separatedCategories`) apart, and the risk classes count the others only
   */
  classFlows: Map<string, [number, number][]>;
  /** the vehicles (transports and escorts) of each departure `${hour}|${legId}` (see `assignSorties`) */
  vehicles: Map<string, string[]>;
  /**
   * what one more person on a vehicle leaving a source is worth against the exposure multipliers of
   * the persons taken (0: the most valuable load; large: the most persons)
   */
  perPerson: number;
  /**
   * who at staging goes first: without it, persons within 24 h of their dwell limit; with it,
   * persons whose dwell limit, less these hours, comes before the next departure out of their
   * staging node (those who cannot wait for it)
   */
  urgentBuffer?: number;
}

interface XPerson { p: Person; node: string; ready: number; done: boolean }

export function executeSorties(ix: ScenarioIndex, input: ExecuteInput): Trip[] {
  const s = ix.scenario;
  const persons = new Map<string, XPerson>();
  const inFixed = new Set(input.fixedTrips.flatMap((t) => t.persons));
  for (const p of s.persons) if (!p.ineligible || inFixed.has(p.id)) persons.set(p.id, { p, node: p.source, ready: p.earliestDay * 24, done: false });
  const assetById = new Map(s.assets.map((a) => [a.id, a]));
  const staging = new StagingLoad();
  const intakeUsed = new Map<string, number>();
  const moved = new Map<string, number>();
  const catPairs = new Set(s.categorySeparation.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const apart = separatedCategories(s);
  const knowsApart = apart.size > 0 && [...input.classFlows.keys()].some((k) => k.endsWith(`|${SEPARATED}`));
  /** the schedule's class of a person */
  const classOf = (p: Person): string => (knowsApart && apart.has(p.category) ? SEPARATED : p.risk);

  // who is at each node (persons who have left are dropped when moved)
  const atNode = new Map<string, Set<XPerson>>();
  const place = (x: XPerson, node: string) => { let set = atNode.get(node); if (!set) { set = new Set(); atNode.set(node, set); } set.add(x); };
  for (const x of persons.values()) place(x, x.node);
  function apply(leg: Leg, dep: number, arr: number, ids: string[]): void {
    for (const id of ids) {
      const x = persons.get(id)!;
      atNode.get(x.node)?.delete(x);
      if (ix.facility.get(leg.to)!.kind !== 'destination') place(x, leg.to);
      x.node = leg.to; x.ready = arr; x.done = ix.facility.get(leg.to)!.kind === 'destination';
      const k = `${leg.id}|${classOf(x.p)}`;
      moved.set(k, (moved.get(k) ?? 0) + 1);
    }
    if (ix.facility.get(leg.from)!.kind === 'staging') staging.add(leg.from, dep, -ids.length);
    const toKind = ix.facility.get(leg.to)!.kind;
    if (toKind === 'staging') staging.add(leg.to, arr, ids.length);
    if (toKind === 'destination') { const k = `${leg.to}@${Math.floor(arr / 24)}`; intakeUsed.set(k, (intakeUsed.get(k) ?? 0) + ids.length); }
  }
  for (const t of [...input.fixedTrips].sort((a, b) => a.departHour - b.departHour)) apply(ix.leg.get(t.legId)!, t.departHour, t.arriveHour, t.persons);

  /** the schedule's persons of (leg, class) departing up to `hour`, rounded */
  function target(legId: string, c: string, hour: number): number {
    let cum = 0;
    for (const [h, v] of input.classFlows.get(`${legId}|${c}`) ?? []) { if (h > hour + 1e-9) break; cum += v; }
    return Math.round(cum);
  }

  // departure hours out of each staging node, for who cannot wait for the next one
  const stagingDeps = new Map<string, number[]>();
  for (const k of input.vehicles.keys()) {
    const i = k.indexOf('|');
    const leg = ix.leg.get(k.slice(i + 1))!;
    if (ix.facility.get(leg.from)!.kind !== 'staging') continue;
    stagingDeps.set(leg.from, [...(stagingDeps.get(leg.from) ?? []), Number(k.slice(0, i))]);
  }
  for (const l of stagingDeps.values()) l.sort((a, b) => a - b);
  const nextDep = new Map<string, number>();
  /** whether a person at staging must leave now (see `urgentBuffer`) */
  function isUrgent(x: XPerson, dwell: number, dep: number): boolean {
    if (input.urgentBuffer === undefined) return x.ready + dwell - 24 <= dep;
    const key = `${x.node}|${dep}`;
    let next = nextDep.get(key);
    if (next === undefined) { next = (stagingDeps.get(x.node) ?? []).find((h) => h > dep + 1e-9) ?? Infinity; nextDep.set(key, next); }
    return x.ready + dwell - input.urgentBuffer < next - 1e-9;
  }
  const maxRatio = Math.max(...RISK_CLASSES.map((c) => ix.guardRatio(c)));
  const smallestSeats = Math.min(...s.assetTypes.filter((t) => t.role !== 'escort').map((t) => ix.seats(t.id)));
  const trips: Trip[] = [];
  let tripNo = 0;
  let convoyNo = 0;
  function commit(a: Asset, leg: Leg, dep: number, load: XPerson[], convoyId?: string): void {
    const escort = ix.assetType.get(a.type)!.role === 'escort';
    const trip: Trip = { id: `${input.idPrefix}X${++tripNo}`, assetId: a.id, legId: leg.id, departHour: dep, arriveHour: dep + leg.durationHours, role: escort ? 'escort' : 'transport', persons: load.map((x) => x.p.id), guards: wholeGuards(ix, load.map((x) => x.p.risk)) };
    if (convoyId) trip.convoyId = convoyId;
    trips.push(trip);
    apply(leg, dep, dep + leg.durationHours, trip.persons);
  }

  /** persons waiting at the leg's origin who may take it at `dep`, in loading order */
  function candidates(leg: Leg, dep: number): XPerson[] {
    const fromKind = ix.facility.get(leg.from)!.kind;
    const list = [...(atNode.get(leg.from) ?? [])].filter((x) => x.ready <= dep + 1e-9);
    if (fromKind === 'source') {
      const day = Math.floor(dep / 24);
      return list.sort((x, y) => ix.multiplier(y.p.risk) * ix.riskWeight(leg.from, day) - ix.multiplier(x.p.risk) * ix.riskWeight(leg.from, day) || x.p.earliestDay - y.p.earliestDay || (x.p.id < y.p.id ? -1 : 1));
    }
    const dwell = ix.facility.get(leg.from)!.maxDwellHours ?? Infinity;
    const flags = new Map(list.map((x) => [x, isUrgent(x, dwell, dep)]));
    const urgent = (x: XPerson) => flags.get(x)!;
    // then class by class (the class with most persons waiting first), first in first out within:
    // each class on a vehicle pays its own guard ceiling
    const count = new Map<RiskClass, number>();
    for (const x of list) count.set(x.p.risk, (count.get(x.p.risk) ?? 0) + 1);
    const byClass = (x: XPerson, y: XPerson) => count.get(y.p.risk)! - count.get(x.p.risk)! || (x.p.risk < y.p.risk ? -1 : x.p.risk > y.p.risk ? 1 : 0);
    return list.sort((x, y) => Number(urgent(y)) - Number(urgent(x)) || byClass(x, y) || x.ready - y.ready || (x.p.id < y.p.id ? -1 : 1));
  }

  /** room the leg's destination has for arrivals at `arr` */
  function room(leg: Leg, arr: number): number {
    const to = ix.facility.get(leg.to)!;
    if (to.kind === 'staging') return (to.holdingCapacity ?? 0) - staging.maxFrom(leg.to, arr);
    if (to.kind === 'destination') return ix.intake(leg.to, Math.floor(arr / 24)) - (intakeUsed.get(`${leg.to}@${Math.floor(arr / 24)}`) ?? 0);
    return Infinity;
  }

  /**
   * fills one vehicle from `pool`: at sources within the class quotas left (`quota`), at staging
   * anyone; categories that may not share a vehicle: the load is built once per category that could
   * lead it and the one with the most persons near their dwell limit, then the most persons, is taken
   */
  function load(leg: Leg, dep: number, seats: number, pool: XPerson[], used: Set<XPerson>, quota: Map<RiskClass, number>, limit: number, onlyLead?: string, dry = false): XPerson[] {
    const atStaging = ix.facility.get(leg.from)!.kind === 'staging';
    const dwell = ix.facility.get(leg.from)!.maxDwellHours ?? Infinity;
    const urgent = (x: XPerson) => atStaging && isUrgent(x, dwell, dep);
    const build = (lead: string | undefined): XPerson[] => {
      // persons this vehicle may take, by class in loading order
      const lists = new Map<RiskClass, XPerson[]>(RISK_CLASSES.map((c) => [c, []]));
      const eligible = new Set<XPerson>();
      // no class needs more than the seats (twice over, for persons a separation group keeps off)
      const cap = 2 * seats;
      let full = 0;
      for (const x of pool) {
        if (used.has(x) || (lead !== undefined && x.p.category !== lead && catPairs.has(`${lead}|${x.p.category}`))) continue;
        const l = lists.get(x.p.risk)!;
        if (l.length >= cap) continue;
        l.push(x); eligible.add(x);
        if (l.length === cap && ++full === RISK_CLASSES.length) break;
      }
      // how many of each class: a knapsack over classes with whole guards (see packClasses)
      const counts = packClasses(seats, limit, RISK_CLASSES.map((c) => {
        const list = lists.get(c)!;
        const q = Math.max(0, quota.get(c) ?? 0);
        const max = atStaging ? list.length : Math.min(q, list.length);
        // what taking the first n of the class is worth beyond their number: at staging persons near
        // their dwell limit above all, then hours waited (first in, first out); at sources the
        // schedule's quota (all of `max`) and the class's exposure multiplier
        const prefix = [0];
        for (let k = 0; k < max; k++) {
          const x = list[k];
          prefix.push(prefix[k] + (atStaging ? (urgent(x) ? 1e12 : 0) + Math.min(1e3, dep - x.ready) + (k < q ? 1 : 0) : ix.multiplier(c)));
        }
        return { ratio: ix.guardRatio(c), max, prefix };
      }), atStaging ? 1e8 : input.perPerson);
      const out: XPerson[] = [];
      const groups = new Set<string>();
      const n = new Map<RiskClass, number>();
      const mine = new Set<XPerson>();
      let guards = 0;
      const take = (x: XPerson) => {
        const c = x.p.risk;
        const k = n.get(c) ?? 0;
        guards += Math.ceil((k + 1) / ix.guardRatio(c)) - Math.ceil(k / ix.guardRatio(c));
        n.set(c, k + 1);
        out.push(x); mine.add(x);
        for (const g of x.p.separationGroups ?? []) groups.add(g);
      };
      const clash = (x: XPerson) => (x.p.separationGroups ?? []).some((g) => groups.has(g));
      RISK_CLASSES.forEach((c, k) => {
        for (const x of lists.get(c)!) {
          if ((n.get(c) ?? 0) >= counts[k]) break;
          if (!clash(x)) take(x);
        }
      });
      // persons a separation group kept off leave seats: top them up from the pool (sources within
      // the quotas), whoever fits beside the guards
      for (const x of pool) {
        if (out.length >= limit || out.length + guards >= seats) break;
        if (mine.has(x) || !eligible.has(x) || clash(x)) continue;
        const c = x.p.risk;
        const k = n.get(c) ?? 0;
        if (!atStaging && k >= Math.max(0, quota.get(c) ?? 0)) continue;
        if (out.length + 1 + guards + Math.ceil((k + 1) / ix.guardRatio(c)) - Math.ceil(k / ix.guardRatio(c)) > seats) continue;
        take(x);
      }
      return out;
    };
    const leads: (string | undefined)[] = catPairs.size === 0 ? [undefined] : onlyLead !== undefined ? [onlyLead] : [...new Set(pool.filter((x) => !used.has(x)).map((x) => x.p.category))];
    let best: XPerson[] = [];
    let bestKey = -1;
    for (const lead of leads) {
      const out = build(lead);
      const key = out.filter(urgent).length * 1e6 + out.length;
      if (key > bestKey) { best = out; bestKey = key; }
    }
    if (!dry) for (const x of best) { used.add(x); if (classOf(x.p) !== SEPARATED) quota.set(x.p.risk, (quota.get(x.p.risk) ?? 0) - 1); }
    return best;
  }

  const assigned = new Map<string, Asset[]>();
  const escortsAssigned = new Map<string, Asset[]>();
  for (const [k, ids] of input.vehicles) for (const id of ids) {
    const a = assetById.get(id)!;
    const m = ix.assetType.get(a.type)!.role === 'escort' ? escortsAssigned : assigned;
    m.set(k, [...(m.get(k) ?? []), a]);
  }

  // sorties grouped by (hour, leg)
  const groups = new Map<string, { leg: Leg; hour: number }>();
  for (const k of assigned.keys()) {
    const i = k.indexOf('|');
    const hour = Number(k.slice(0, i));
    if (hour >= input.startHour - 1e-9) groups.set(k, { leg: ix.leg.get(k.slice(i + 1))!, hour });
  }
  // a trip into staging is loaded when it lands (the room it needs is what the departures before
  // then leave), a trip out of staging when it leaves (it takes who has landed by then); at equal
  // times landings first, as the validator counts them
  const at = (g: { leg: Leg; hour: number }) => g.hour + (ix.facility.get(g.leg.to)!.kind === 'staging' ? g.leg.durationHours : 0);
  const order = [...groups.values()].sort((a, b) => at(a) - at(b)
    || Number(ix.facility.get(b.leg.to)!.kind === 'staging') - Number(ix.facility.get(a.leg.to)!.kind === 'staging')
    || a.hour - b.hour || (a.leg.id < b.leg.id ? -1 : a.leg.id > b.leg.id ? 1 : 0));
  for (const g of order) {
    const { leg, hour: dep } = g;
    const vehicles = [...assigned.get(`${dep}|${leg.id}`) ?? []].sort((a, b) => ix.seats(b.type) - ix.seats(a.type));
    if (vehicles.length === 0) continue;
    const quota = new Map<RiskClass, number>();
    for (const c of RISK_CLASSES) quota.set(c, target(leg.id, c, dep) - (moved.get(`${leg.id}|${c}`) ?? 0));
    const pool = candidates(leg, dep);
    const used = new Set<XPerson>();
    let limit = room(leg, dep + leg.durationHours);
    const loads: { a: Asset; load: XPerson[] }[] = [];
    // a category that may not share a vehicle with the majority (cooperating witnesses) travels on
    // a vehicle of its own, all of it waiting there at once where possible, on the smallest vehicle
    // of the departure that takes them all. When the schedule plans them (`separated` flows), where
    // it moves them, even on a departure's only vehicle, and at staging also when one of them cannot
    // wait for the next departure. Otherwise (the schedule counts them in their risk classes): at
    // staging when one of them cannot wait, with another vehicle left for the majority; at sources,
    // outside the class quotas, when the load fills 70 % of the vehicle's single-class capacity, or
    // takes them all on a vehicle of the fleet's smallest type (left to the end, they waited at their
    // sources to the last day). The departure's other vehicles carry the majority.
    let majority: string | undefined;
    if (catPairs.size > 0) {
      const byCat = new Map<string, XPerson[]>();
      for (const x of pool) { const l = byCat.get(x.p.category); if (l) l.push(x); else byCat.set(x.p.category, [x]); }
      majority = [...byCat].sort((a, b) => b[1].length - a[1].length)[0]?.[0];
      const fromStaging = ix.facility.get(leg.from)!.kind === 'staging';
      const dwell = ix.facility.get(leg.from)!.maxDwellHours ?? Infinity;
      const open = fromStaging ? quota : new Map<RiskClass, number>(RISK_CLASSES.map((c) => [c, Infinity]));
      const planned = knowsApart ? target(leg.id, SEPARATED, dep) - (moved.get(`${leg.id}|${SEPARATED}`) ?? 0) >= 1 : false;
      for (const [cat, xs] of byCat) {
        if (cat === majority || !catPairs.has(`${cat}|${majority}`)) continue;
        if (!planned && (vehicles.length < 2 || (knowsApart && !fromStaging))) continue;
        if (!planned && fromStaging && !xs.some((x) => isUrgent(x, dwell, dep))) continue;
        const bySize = [...vehicles].sort((a, b) => ix.seats(a.type) - ix.seats(b.type));
        // how many of them each size of vehicle would take (a dry run: nothing is marked used)
        const takes = new Map<number, number>();
        const trial = (a: Asset) => { const seats = ix.seats(a.type); let n = takes.get(seats); if (n === undefined) { n = load(leg, dep, seats, pool, used, open, limit, cat, true).length; takes.set(seats, n); } return n; };
        const pick = bySize.find((a) => trial(a) >= xs.length) ?? bySize[bySize.length - 1];
        const n = trial(pick);
        if (!planned && !fromStaging && n < 0.7 * maxPersons(ix.seats(pick.type), maxRatio) && !(n >= xs.length && ix.seats(pick.type) <= smallestSeats)) continue;
        const l = load(leg, dep, ix.seats(pick.type), pool, used, open, limit, cat);
        limit -= l.length;
        if (l.length > 0) { loads.push({ a: pick, load: l }); vehicles.splice(vehicles.indexOf(pick), 1); }
      }
    }
    for (const a of vehicles) {
      const l = load(leg, dep, ix.seats(a.type), pool, used, quota, limit, majority);
      limit -= l.length;
      if (l.length > 0) loads.push({ a, load: l });
    }
    if (leg.mode === 'air') { for (const x of loads) commit(x.a, leg, dep, x.load); continue; }
    // road: convoys of at most maxVehicles transports, each with its escorts
    for (let i = 0; i < loads.length; i += s.convoy.maxVehicles) {
      const members = loads.slice(i, i + s.convoy.maxVehicles);
      const esc = (escortsAssigned.get(`${dep}|${leg.id}`) ?? []).slice(i / s.convoy.maxVehicles * s.convoy.minEscort, (i / s.convoy.maxVehicles + 1) * s.convoy.minEscort);
      if (esc.length < s.convoy.minEscort) break;
      const convoyId = `${input.idPrefix}XC${++convoyNo}`;
      for (const m of members) commit(m.a, leg, dep, m.load, convoyId);
      for (const e of esc) commit(e, leg, dep, [], convoyId);
    }
  }
  return trips;
}

/**
 * The vehicles of each departure `${hour}|${legId}`: those `named` (the grid MILP names its
 * aircraft), the rest assigned type by type and day by day with a small MILP: binary x[vehicle,
 * sortie], at most one vehicle per sortie, a vehicle on one trip at a time (one row per vehicle and
 * departure instant over the sorties under way then) and within its duty that day, none while it is
 * down or still out on an earlier trip; as many sorties as possible, earlier ones first. Road
 * departures then get `minEscort` escorts per convoy of `maxVehicles` transports, assigned alike.
 */
export async function assignSorties(ix: ScenarioIndex, sorties: Sortie[], named: Map<string, string[]>, fixedTrips: Trip[], startHour: number): Promise<Map<string, string[]>> {
  const s = ix.scenario;
  const out = new Map<string, string[]>([...named].map(([k, v]) => [k, [...v]]));
  const busyUntil = new Map<string, number>(s.assets.map((a) => [a.id, startHour]));
  const duty = new Map<string, number>();
  const note = (id: string, legId: string, typeId: string, hour: number) => {
    const cyc = ix.cycleHours(ix.leg.get(legId)!, typeId);
    busyUntil.set(id, Math.max(busyUntil.get(id)!, hour + cyc));
    const k = `${id}@${Math.floor(hour / 24)}`;
    duty.set(k, (duty.get(k) ?? 0) + cyc);
  };
  const typeOf = new Map(s.assets.map((a) => [a.id, a.type]));
  for (const t of fixedTrips) note(t.assetId, t.legId, typeOf.get(t.assetId)!, t.departHour);
  const namedTypes = new Set([...named.values()].flat().map((id) => typeOf.get(id)!));
  const open = sorties.filter((x) => x.hour >= startHour - 1e-9 && ix.assetType.get(x.typeId)!.role !== 'escort' && !namedTypes.has(x.typeId));
  await assignVehicles(ix, open, busyUntil, duty, out);
  const escortType = s.assetTypes.find((t) => t.role === 'escort');
  if (escortType && !namedTypes.has(escortType.id)) {
    const escorts: Sortie[] = [];
    for (const [k, ids] of out) {
      const i = k.indexOf('|');
      const legId = k.slice(i + 1);
      if (ix.leg.get(legId)!.mode !== 'road') continue;
      const transports = ids.filter((id) => ix.assetType.get(typeOf.get(id)!)!.role !== 'escort').length;
      for (let e = 0; e < Math.ceil(transports / s.convoy.maxVehicles) * s.convoy.minEscort; e++) escorts.push({ legId, typeId: escortType.id, hour: Number(k.slice(0, i)) });
    }
    await assignVehicles(ix, escorts, busyUntil, duty, out);
  }
  return out;
}

async function assignVehicles(ix: ScenarioIndex, sorties: Sortie[], busyUntil: Map<string, number>, duty: Map<string, number>, out: Map<string, string[]>): Promise<void> {
  const byTypeDay = new Map<string, Sortie[]>();
  for (const x of sorties) { const k = `${x.typeId}|${Math.floor(x.hour / 24)}`; byTypeDay.set(k, [...(byTypeDay.get(k) ?? []), x]); }
  const keys = [...byTypeDay.keys()].sort((a, b) => Number(a.split('|')[1]) - Number(b.split('|')[1]) || (a < b ? -1 : 1));
  for (const key of keys) {
    const [typeId, dayS] = key.split('|');
    const day = Number(dayS);
    const list = byTypeDay.get(key)!.sort((a, b) => a.hour - b.hour);
    const maxDuty = ix.assetType.get(typeId)!.dutyHoursPerDay;
    const vs = ix.scenario.assets.filter((a) => a.type === typeId && assetAvailable(a, day));
    const cyc = list.map((x) => ix.cycleHours(ix.leg.get(x.legId)!, typeId));
    const lp = new LinearProgram();
    const col = new Map<string, number>();
    list.forEach((x, j) => vs.forEach((v, i) => {
      if (busyUntil.get(v.id)! > x.hour + 1e-9 || (duty.get(`${v.id}@${day}`) ?? 0) + cyc[j] > maxDuty + 1e-9) return;
      const c = lp.col(-(1 + 1e-3 * (list.length - j)), 0, 1);
      lp.integer(c);
      col.set(`${i}|${j}`, c);
    }));
    if (col.size === 0) continue;
    const x = (i: number, j: number) => col.get(`${i}|${j}`);
    list.forEach((_, j) => lp.row(vs.map((__, i) => x(i, j)).filter((c): c is number => c !== undefined).map((c): [number, number] => [1, c]), '<=', 1));
    vs.forEach((v, i) => {
      lp.row(list.map((__, j) => [cyc[j], x(i, j)] as const).filter((t): t is [number, number] => t[1] !== undefined).map(([a, c]): [number, number] => [a, c]), '<=', maxDuty - (duty.get(`${v.id}@${day}`) ?? 0));
      for (const [j0, x0] of list.entries()) {
        if (x(i, j0) === undefined) continue;
        const under = list.map((y, j) => (y.hour <= x0.hour + 1e-9 && y.hour + cyc[j] > x0.hour + 1e-9 ? x(i, j) : undefined)).filter((c): c is number => c !== undefined);
        if (under.length > 1) lp.row(under.map((c): [number, number] => [1, c]), '<=', 1);
      }
    });
    const r = await lp.solveMip(10, 1e-6);
    list.forEach((y, j) => vs.forEach((v, i) => {
      const c = x(i, j);
      if (c === undefined || r.value(c) < 0.5) return;
      const k = `${y.hour}|${y.legId}`;
      out.set(k, [...(out.get(k) ?? []), v.id]);
      busyUntil.set(v.id, Math.max(busyUntil.get(v.id)!, y.hour + cyc[j]));
      duty.set(`${v.id}@${day}`, (duty.get(`${v.id}@${day}`) ?? 0) + cyc[j]);
    }));
  }
}

/**
 * Persons per class for one vehicle: the most persons that `seats` carry when each class brings
 * ceil(persons / ratio) guards, at most `limit` in all, of the highest worth: `perPerson` for each
 * person plus `prefix[n]` for the first n of a class. A knapsack over classes on the seats used.
 */
export function packClasses(seats: number, limit: number, classes: { ratio: number; max: number; prefix: number[] }[], perPerson: number): number[] {
  type State = { count: number; score: number; counts: number[] };
  let dp: (State | undefined)[] = Array.from({ length: seats + 1 }, () => undefined);
  dp[0] = { count: 0, score: 0, counts: [] };
  for (const c of classes) {
    const next: (State | undefined)[] = Array.from({ length: seats + 1 }, () => undefined);
    for (let used = 0; used <= seats; used++) {
      const st = dp[used];
      if (!st) continue;
      for (let n = 0; n <= c.max; n++) {
        const cost = n + Math.ceil(n / c.ratio);
        if (used + cost > seats || st.count + n > limit) break;
        const score = st.score + n * perPerson + c.prefix[n];
        const at = next[used + cost];
        if (!at || score > at.score) next[used + cost] = { count: st.count + n, score, counts: [...st.counts, n] };
      }
    }
    dp = next;
  }
  let best: State | undefined;
  for (const st of dp) if (st && (!best || st.score > best.score)) best = st;
  return best?.counts ?? classes.map(() => 0);
}
