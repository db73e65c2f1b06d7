import { RISK_CLASSES, type Asset, type Leg, type Person } from '../scenario/scenario-schema';
import type { Trip, Unplanned } from '../scenario/plan-schema';
import { nextDeparture, wholeGuards, type ScenarioIndex } from './scenario-index';
import { StagingLoad } from './staging-load';

/**
 * Constructive time-stepped scheduler: whenever a vehicle is free it takes the permitted leg whose
 * load (highest exposure rate first, staging FIFO) is worth most per hour of vehicle time. Road legs
 * leave as convoys with escorts. It never breaks a hard rule it can check locally (seats with guards,
 * windows, duty, availability, capacity, intake, separation); the validator checks the result.
 */

interface SimPerson {
  p: Person;
  node: string;
  ready: number;
  visited: Set<string>;
  done: boolean;
}
interface SimAsset {
  a: Asset;
  nextFree: number;
  duty: Map<number, number>;
  down: Set<number>;
  escort: boolean;
  /**
   * trips booked ahead, during which alone the vehicle is busy: a night trip (`nightWave` with
   * `keepFreeUntilBooked`, at most one pending) or a night-pair source run (`nightPairs`)
   */
  holds: { start: number; end: number; kind: 'night' | 'pair' }[];
}

export interface ScheduleInput {
  startHour: number;
  fixedTrips: Trip[];
  /** prefix for new trip and convoy ids, so re-plans never reuse an id */
  idPrefix: string;
  /** optional LP vehicle trips per `${legId}|${typeId}|${day}`: legs with planned trips left are preferred */
  tripGuide?: Map<string, number>;
  /** optional LP departures per `${source}|${riskClass}|${day}`: persons beyond it are worth little */
  sourceGuide?: Map<string, number>;
  /**
   * with `sourceGuide`: a load from a source into staging takes a person only while the plan's
   * departures of that (source, class) so far stay within the LP's departures of it up to this day
   * plus this slack (persons); after the LP's last source departure day no cap. Staging room, not
   * seats, is what limits the persons out by each midnight, so a vehicle that goes anyway (a bus on
   * the 1 h Derik road) must not fill it with persons of a low-weight source the LP moves later
   */
  sourceCap?: number;
  /** with `sourceGuide`: persons count at full value while the plan's departures of their (source, class) lag the LP's up to this day (not only the LP's of this day) */
  guideCatchUp?: boolean;
  /** with `guideCatchUp` and `tripGuide`: a source leg counts as guided while that source lags the LP by at least this many vehicle loads */
  catchUpLegs?: number;
  /** hold onward vehicles at staging until nearly full while their window allows a later departure */
  fillBeforeLeaving?: boolean;
  /**
   * weight of vehicle time in the choice of leg: rate = load value / (wait + cycle)^timeWeight.
   * 1 (default) maximises value moved per vehicle-hour; lower values favour the riskiest load even
   * on longer legs (right when staging space, not vehicles, is the bottleneck)
   */
  timeWeight?: number;
  /**
   * with `tripGuide`: as many vehicles per (type, day) as the LP flies out of staging on a windowed
   * leg keep the duty and the time for that trip (with `onwardEarly`, not on a window that wraps
   * midnight while persons wait at sources: that trip leaves after midnight, on the next day's duty); otherwise helicopters spend the day on source runs
   * and leave staging only after midnight, so the room they free is refilled a day late
   */
  reserveOnward?: boolean;
  /**
   * a vehicle that could also bring persons in from a source leaves staging only when the staging
   * node holds at least this fraction of its capacity (or nobody is left at the sources): while
   * staging has room, persons out of the prisons (which is what exposure counts) come from source
   * runs, and an onward trip only matters once it frees room that would otherwise be missing
   */
  onwardThreshold?: number;
  /**
   * a vehicle that could also serve a source takes a staging leg whose window wraps midnight only in
   * the window's early part (after midnight), while persons wait at the sources: leaving at the start
   * of the day frees staging room that source runs refill the same day, before the midnight that
   * exposure counts; leaving in the evening frees room that nobody refills before midnight, and
   * costs the vehicle the duty it would have spent on source runs
   */
  onwardEarly?: boolean;
  /**
   * with `onwardEarly`: every night, this many vehicles (asset order) that leave staging on a window
   * wrapping midnight first fly a source run that leaves before midnight (its persons count as out
   * that day), lands after it in the room the other onward departures free at midnight, and is back
   * for the vehicle's own onward trip by the end of the early window (on the demo a CH-47 on the
   * 30 min Derik leg at 23:45, back at 01:45); each night's runs are booked when the day starts (not
   * on the plan's first night), with their duty, so the vehicle's daytime runs get what is left, and the
   * room they land in is counted as freed by the midnight departures still to come (the scheduler
   * commits those later); the validator has the last word
   */
  nightPairs?: number;
  /**
   * with `onwardEarly`: a vehicle with nothing to do now books ahead, either the next early-window
   * onward trip (after midnight) with the persons already at staging, or a source run that leaves
   * just before midnight (the person counts as out that day) and lands in the room those onward
   * trips free after midnight
   */
  nightWave?: boolean;
  /**
   * with `nightWave`: a vehicle that books its night trip ahead stays free until that departure for
   * runs that end before it (and fit its duty), instead of idling from the booking on
   */
  keepFreeUntilBooked?: boolean;
  /**
   * sorties to fly (leg, asset type, departure hour), e.g. the guiding LP's trips per period rounded
   * to whole trips: a free vehicle of the type takes the next one due that it can fly (up to
   * `sortieLateHours` late), loads it as usual (a road sortie's convoy takes only vehicles with a
   * sortie on that leg then); with no sortie due it chooses greedily as without
   */
  sorties?: Sortie[];
  /** how late a sortie may still be flown, hours (default 1) */
  sortieLateHours?: number;
  /**
   * with `sorties`: a vehicle whose next sortie is not yet due flies only runs that end before it and
   * leave the duty for it (default false: on the demo holding cost 1,700-10,000 exposure, vehicles
   * idled for sorties another vehicle then flew)
   */
  sortieHold?: boolean;
  /**
   * load vehicles leaving staging class by class (the class with most persons ready first, first in
   * first out within it; persons near their dwell limit first of all) instead of strictly first in,
   * first out: each class pays its own guard ceiling, so mixed loads carry fewer persons (a CH-47
   * takes 28 low-risk persons with 5 guards, but 26 in a typical mixed load)
   */
  packOnward?: boolean;
  /**
   * admission to staging by dwell limit: a load into a staging node with a maximum dwell takes at
   * most `dwellGuard` x the onward seats (and destination intake) that the vehicles could still
   * offer between its arrival and its dwell deadline, less those already held there; 1 trusts the
   * estimate, lower values leave room for vehicles that also serve the sources (fallback variants,
   * tried only when no other candidate passes the validator)
   */
  dwellGuard?: number;
}

export interface Sortie { legId: string; typeId: string; hour: number }

export interface ScheduleResult {
  trips: Trip[];
  unplanned: Unplanned[];
}

export function scheduleGreedy(ix: ScenarioIndex, input: ScheduleInput): ScheduleResult {
  const s = ix.scenario;
  const endHour = s.horizonDays * 24;
  const persons = new Map<string, SimPerson>();
  const unplanned: Unplanned[] = [];
  const inFixed = new Set(input.fixedTrips.flatMap((t) => t.persons));
  for (const p of s.persons) {
    if (p.ineligible && !inFixed.has(p.id)) { unplanned.push({ personId: p.id, reason: `ineligible: ${p.ineligible.reason}` }); continue; }
    persons.set(p.id, { p, node: p.source, ready: p.earliestDay * 24, visited: new Set([p.source]), done: false });
  }
  let remaining = persons.size;
  let atSources = persons.size;
  const stale = new Map<string, number>();
  // times at which the world changes (departures free staging space, arrivals fill queues)
  const events: number[] = [];
  function addEvent(t: number): void {
    let lo = 0, hi = events.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (events[mid] <= t) lo = mid + 1; else hi = mid; }
    if (events[lo - 1] !== t) events.splice(lo, 0, t);
  }
  function nextEvent(t: number): number {
    let lo = 0, hi = events.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (events[mid] <= t) lo = mid + 1; else hi = mid; }
    return lo < events.length ? events[lo] : Infinity;
  }
  const assets = s.assets.map<SimAsset>((a) => ({
    a, nextFree: input.startHour, duty: new Map(), down: new Set(a.downDays ?? []),
    escort: ix.assetType.get(a.type)!.role === 'escort', holds: [],
  }));
  const assetById = new Map(assets.map((x) => [x.a.id, x]));
  const staging = new StagingLoad();
  /** night pairs (`nightPairs`): room promised at midnight by departures not yet committed, until `by` (the pair's landing) */
  const promised: { node: string; at: number; by: number; n: number }[] = [];
  const intakeUsed = new Map<string, number>();
  function applyMove(leg: Leg, dep: number, arr: number, ids: string[]): void {
    for (const id of ids) {
      const sp = persons.get(id)!;
      sp.node = leg.to; sp.ready = arr; sp.visited.add(leg.to);
      sp.done = ix.facility.get(leg.to)!.kind === 'destination';
      if (sp.done) remaining--;
      else waiting(leg.to).push(sp);
    }
    stale.set(leg.from, (stale.get(leg.from) ?? 0) + ids.length);
    if (ix.facility.get(leg.from)!.kind === 'source') atSources -= ids.length;
    addEvent(dep);
    addEvent(arr);
    if (ix.facility.get(leg.from)!.kind === 'staging') {
      staging.add(leg.from, dep, -ids.length);
      // a departure that frees room a night pair counted on settles that promise
      let left = ids.length;
      for (const pr of promised) {
        if (left <= 0) break;
        if (pr.node !== leg.from || pr.n <= 0 || dep < pr.at - 1e-9 || dep >= pr.by - 1e-9) continue;
        const m = Math.min(pr.n, left);
        pr.n -= m; left -= m;
        staging.add(pr.node, pr.at, m);
      }
    }
    const toKind = ix.facility.get(leg.to)!.kind;
    if (toKind === 'staging') staging.add(leg.to, arr, ids.length);
    if (toKind === 'destination') { const k = `${leg.to}@${Math.floor(arr / 24)}`; intakeUsed.set(k, (intakeUsed.get(k) ?? 0) + ids.length); }
  }

  // waiting lists per node; sources in priority order, staging FIFO (dwell limits)
  const lists = new Map<string, SimPerson[]>();
  const dirty = new Set<string>();
  function waiting(node: string): SimPerson[] {
    let l = lists.get(node);
    if (!l) { l = []; lists.set(node, l); }
    dirty.add(node);
    return l;
  }
  for (const sp of persons.values()) if (sp.node === sp.p.source && !sp.done) waiting(sp.node).push(sp);
  const fixed = [...input.fixedTrips].sort((x, y) => x.departHour - y.departHour);
  for (const t of fixed) {
    const leg = ix.leg.get(t.legId)!;
    const sa = assetById.get(t.assetId)!;
    const day = Math.floor(t.departHour / 24);
    sa.duty.set(day, (sa.duty.get(day) ?? 0) + ix.cycleHours(leg, sa.a.type));
    sa.nextFree = Math.max(sa.nextFree, t.departHour + ix.cycleHours(leg, sa.a.type));
    applyMove(leg, t.departHour, t.arriveHour, t.persons);
  }

  function ordered(node: string): SimPerson[] {
    let l = lists.get(node) ?? [];
    if (dirty.has(node) || (stale.get(node) ?? 0) > 64) { l = l.filter((x) => x.node === node && !x.done); stale.set(node, 0); }
    if (dirty.has(node)) {
      if (ix.facility.get(node)!.kind === 'source')
        l.sort((x, y) => ix.multiplier(y.p.risk) - ix.multiplier(x.p.risk) || x.p.earliestDay - y.p.earliestDay || (x.p.id < y.p.id ? -1 : 1));
      else l.sort((x, y) => x.ready - y.ready || (x.p.id < y.p.id ? -1 : 1));
      dirty.delete(node);
    }
    lists.set(node, l);
    return l;
  }

  const maxWeight = Math.max(1e-9, ...s.facilities.filter((f) => f.kind === 'source').map((f) => Math.max(f.riskWeight ?? 0, ...(f.riskByDay ?? []).map((r) => r.value))));
  const catPairs = new Set(s.categorySeparation.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const guideUsed = new Map<string, number>();
  const guideLeft = (leg: Leg, typeId: string, day: number) => {
    const k = `${leg.id}|${typeId}|${day}`;
    return (input.tripGuide?.get(k) ?? 0) - (guideUsed.get(k) ?? 0);
  };

  const sourceUsed = new Map<string, number>();
  // sourceCap: the LP's departures per (source, class) up to each day, and the plan's so far
  const capQuota = new Map<string, number>();
  const capUsed = new Map<string, number>();
  let capLastDay = -1;
  if ((input.sourceCap !== undefined || input.guideCatchUp) && input.sourceGuide) {
    for (const [k, v] of input.sourceGuide) if (v > 0.5) capLastDay = Math.max(capLastDay, Number(k.slice(k.lastIndexOf('|') + 1)));
    for (const [k, v] of input.sourceGuide) {
      const i = k.lastIndexOf('|');
      const sc = k.slice(0, i);
      for (let d = Number(k.slice(i + 1)); d <= capLastDay; d++) capQuota.set(`${sc}|${d}`, (capQuota.get(`${sc}|${d}`) ?? 0) + v);
    }
  }
  /** persons of `source` the LP has moved by the end of `day` and the plan not yet (0 without catch-up or past the LP's last source day) */
  function sourceLag(source: string, day: number): number {
    if (!input.guideCatchUp || day > capLastDay || ix.facility.get(source)!.kind !== 'source') return 0;
    let lag = 0;
    for (const c of RISK_CLASSES) lag += Math.max(0, (capQuota.get(`${source}|${c}|${day}`) ?? 0) - (capUsed.get(`${source}|${c}`) ?? 0));
    return lag;
  }
  function priority(sp: SimPerson, day: number, inLoad: Map<string, number>): number {
    const f = ix.facility.get(sp.node)!;
    if (f.kind === 'source') {
      const base = ix.multiplier(sp.p.risk) * ix.riskWeight(sp.node, day) + 1e-6;
      if (!input.sourceGuide) return base;
      // the LP's departures of this (source, class) so far (catch-up) or of this day, less the plan's
      const ck = `${sp.node}|${sp.p.risk}`;
      const k = input.guideCatchUp ? ck : `${ck}|${day}`;
      const guide = input.guideCatchUp ? (day > capLastDay ? Infinity : capQuota.get(`${ck}|${day}`) ?? 0) - (capUsed.get(ck) ?? 0) : (input.sourceGuide.get(k) ?? 0) - (sourceUsed.get(k) ?? 0);
      const left = guide - (inLoad.get(k) ?? 0);
      inLoad.set(k, (inLoad.get(k) ?? 0) + 1);
      return left > 0.5 ? base : base * 0.01;
    }
    return 10 * maxWeight * (ix.multiplier(sp.p.risk) + 1) + 1e-6;
  }

  interface Load { ids: SimPerson[]; value: number }
  /** `promisedRoom`: a night pair's load, whose staging room the midnight departures free (see `nightPairs`) */
  function buildLoad(leg: Leg, dep: number, seats: number, taken: Set<SimPerson>, promisedRoom = false, mostPersons = false): Load {
    const arr = dep + leg.durationHours;
    const toF = ix.facility.get(leg.to)!;
    const day = Math.floor(dep / 24);
    let limit = Infinity;
    if (toF.kind === 'staging' && !promisedRoom) limit = (toF.holdingCapacity ?? 0) - staging.maxFrom(leg.to, arr) - pendingInto(leg.to);
    if (toF.kind === 'staging' && input.dwellGuard !== undefined && toF.maxDwellHours !== undefined)
      limit = Math.min(limit, Math.floor(input.dwellGuard * onwardRoom(leg.to, arr, arr + toF.maxDwellHours)) - held(leg.to) - pendingInto(leg.to));
    if (toF.kind === 'destination') limit = ix.intake(leg.to, Math.floor(arr / 24)) - (intakeUsed.get(`${leg.to}@${Math.floor(arr / 24)}`) ?? 0) - pendingInto(leg.to);
    const out: SimPerson[] = [];
    let value = 0;
    if (limit <= 0 || seats <= 0) return { ids: out, value };
    const n = new Map<string, number>();
    let guards = 0;
    const groups = new Set<string>();
    const cats = new Set<string>();
    const inLoad = new Map<string, number>();
    const fromF = ix.facility.get(leg.from)!;
    const capped = input.sourceCap !== undefined && fromF.kind === 'source' && toF.kind === 'staging' && day <= capLastDay;
    const capInLoad = new Map<string, number>();
    const queue = mostPersons ? [...ordered(leg.from)].sort((x, y) => ix.guardRatio(y.p.risk) - ix.guardRatio(x.p.risk)) : input.packOnward && fromF.kind === 'staging' ? packed(leg.from, dep, fromF.maxDwellHours) : ordered(leg.from);
    for (const sp of queue) {
      if (out.length >= limit || out.length + guards >= seats) break;
      if (sp.done || sp.node !== leg.from || taken.has(sp) || sp.ready > dep || sp.visited.has(leg.to)) continue;
      const r = ix.guardRatio(sp.p.risk);
      const k = n.get(sp.p.risk) ?? 0;
      const addGuard = Math.ceil((k + 1) / r) - Math.ceil(k / r);
      if (out.length + 1 + guards + addGuard > seats) continue;
      if ((sp.p.separationGroups ?? []).some((g) => groups.has(g))) continue;
      if ([...cats].some((c) => catPairs.has(`${c}|${sp.p.category}`))) continue;
      if (capped) {
        const ck = `${leg.from}|${sp.p.risk}`;
        const inL = capInLoad.get(ck) ?? 0;
        if ((capUsed.get(ck) ?? 0) + inL + 1 > (capQuota.get(`${ck}|${day}`) ?? 0) + input.sourceCap!) continue;
        capInLoad.set(ck, inL + 1);
      }
      out.push(sp); n.set(sp.p.risk, k + 1); guards += addGuard;
      for (const g of sp.p.separationGroups ?? []) groups.add(g);
      cats.add(sp.p.category);
      value += priority(sp, day, inLoad);
    }
    return { ids: out, value };
  }
  /** staging queue for `packOnward`: those within a day of their dwell limit first, then class by class (most ready first), FIFO within */
  function packed(node: string, dep: number, maxDwell: number | undefined): SimPerson[] {
    const l = ordered(node);
    const urgentBefore = dep - Math.max(0, (maxDwell ?? Infinity) - 24);
    const count = new Map<string, number>();
    for (const sp of l) if (!sp.done && sp.node === node && sp.ready <= dep) count.set(sp.p.risk, (count.get(sp.p.risk) ?? 0) + 1);
    const urgent = l.filter((sp) => sp.ready <= urgentBefore);
    const rest = l.filter((sp) => sp.ready > urgentBefore);
    const rank = (c: string) => count.get(c) ?? 0;
    rest.sort((x, y) => rank(y.p.risk) - rank(x.p.risk) || (x.p.risk < y.p.risk ? -1 : x.p.risk > y.p.risk ? 1 : 0) || x.ready - y.ready || (x.p.id < y.p.id ? -1 : 1));
    return [...urgent, ...rest];
  }
  /** persons at the staging node or on their way there, not yet booked onward */
  function held(node: string): number {
    let k = 0;
    for (const sp of ordered(node)) if (!sp.done && sp.node === node) k++;
    return k;
  }
  /**
   * optimistic persons the staging node's onward legs could still carry departing in [from, until]:
   * per vehicle the best of its legs (every free departure in the window, within duty and
   * availability, seats less the guards of the most lenient class), capped by the destinations'
   * remaining intake on the arrival days
   */
  function onwardRoom(node: string, from: number, until: number): number {
    const onward = s.legs.filter((l) => l.from === node);
    let seatsTotal = 0;
    for (const v of transports) {
      let bestV = 0;
      for (const l of onward) {
        if (!l.assetTypes.includes(v.a.type)) continue;
        const cyc = ix.cycleHours(l, v.a.type);
        const duty = new Map<number, number>();
        let n = 0;
        for (let t = Math.max(from, v.nextFree); ;) {
          const dep = nextDeparture(ix, l, t, endHour);
          if (dep === undefined || dep > until + 1e-9) break;
          const day = Math.floor(dep / 24);
          const used = duty.get(day) ?? v.duty.get(day) ?? 0;
          const clash = v.holds.find((h) => dep < h.end && dep + cyc > h.start);
          if (day < v.a.availableFromDay || (v.a.availableToDay !== undefined && day >= v.a.availableToDay) || v.down.has(day)
            || used + cyc > ix.assetType.get(v.a.type)!.dutyHoursPerDay + 1e-9) { t = (day + 1) * 24; continue; }
          if (clash) { t = Math.max(dep + 0.25, clash.end); continue; }
          // a road departure needs its escorts: none that day, no convoy
          if (l.mode === 'road' && escorts.filter((e) => day >= e.a.availableFromDay && (e.a.availableToDay === undefined || day < e.a.availableToDay) && !e.down.has(day)).length < s.convoy.minEscort) { t = (day + 1) * 24; continue; }
          duty.set(day, used + cyc);
          n++;
          t = dep + cyc;
        }
        bestV = Math.max(bestV, n * seatsAfterGuards(v.a.type));
      }
      seatsTotal += bestV;
    }
    let intakeTotal = 0;
    for (const dst of new Set(onward.map((l) => l.to))) {
      const dur = Math.min(...onward.filter((l) => l.to === dst).map((l) => l.durationHours));
      for (let d = Math.floor((from + dur) / 24); d <= Math.floor((until + 24) / 24); d++)
        intakeTotal += Math.max(0, ix.intake(dst, d) - (intakeUsed.get(`${dst}@${d}`) ?? 0));
    }
    return Math.min(seatsTotal, intakeTotal);
  }
  const maxRatioAll = Math.max(...(['HVD', 'high', 'medium', 'low'] as const).map((c) => ix.guardRatio(c)));
  function seatsAfterGuards(typeId: string): number {
    const seats = ix.seats(typeId);
    let k = 0;
    while (k + 1 + Math.ceil((k + 1) / maxRatioAll) <= seats) k++;
    return k;
  }
  // persons already placed on vehicles of the convoy being formed count against capacity limits
  let pending: { from: string; to: string; n: number }[] = [];
  const pendingInto = (node: string) => pending.filter((x) => x.to === node).reduce((a, x) => a + x.n, 0);

  function usable(sa: SimAsset, leg: Leg, dep: number): boolean {
    const day = Math.floor(dep / 24);
    if (sa.holds.some((h) => dep < h.end && dep + ix.cycleHours(leg, sa.a.type) > h.start)) return false;
    if (sa.nextFree > dep || day < sa.a.availableFromDay || (sa.a.availableToDay !== undefined && day >= sa.a.availableToDay) || sa.down.has(day)) return false;
    return (sa.duty.get(day) ?? 0) + ix.cycleHours(leg, sa.a.type) <= ix.assetType.get(sa.a.type)!.dutyHoursPerDay + 1e-9;
  }

  const trips: Trip[] = [];
  let tripNo = 0;
  let convoyNo = 0;
  function commit(sa: SimAsset, leg: Leg, dep: number, load: SimPerson[], convoyId: string | undefined): void {
    const arr = dep + leg.durationHours;
    const day = Math.floor(dep / 24);
    const cyc = ix.cycleHours(leg, sa.a.type);
    sa.duty.set(day, (sa.duty.get(day) ?? 0) + cyc);
    sa.nextFree = dep + cyc;
    const guards = wholeGuards(ix, load.map((sp) => sp.p.risk));
    const trip: Trip = { id: `${input.idPrefix}T${++tripNo}`, assetId: sa.a.id, legId: leg.id, departHour: dep, arriveHour: arr, role: sa.escort ? 'escort' : 'transport', persons: load.map((x) => x.p.id), guards };
    if (convoyId) trip.convoyId = convoyId;
    trips.push(trip);
    if (ix.facility.get(leg.from)!.kind === 'source') for (const sp of load) { const k = `${leg.from}|${sp.p.risk}|${day}`; sourceUsed.set(k, (sourceUsed.get(k) ?? 0) + 1); const ck = `${leg.from}|${sp.p.risk}`; capUsed.set(ck, (capUsed.get(ck) ?? 0) + 1); }
    if (reserved.get(`${sa.a.id}|${day}`) === leg) onwardFlown.add(`${sa.a.id}|${day}`);
    const gk = `${leg.id}|${sa.a.type}|${day}`;
    guideUsed.set(gk, (guideUsed.get(gk) ?? 0) + 1);
    if (load.length > 0) applyMove(leg, dep, arr, trip.persons);
  }

  /**
   * Onward vehicles leave staging only when (nearly) full, unless the window closes: staging fills
   * through the day, and a half-empty early convoy wastes the vehicle for the rest of its day.
   */
  function worthLeaving(sa: SimAsset, leg: Leg, dep: number, lead: number): boolean {
    if (atSources === 0) return true; // the tail: nobody else will arrive to fill the vehicle
    const later = nextDeparture(ix, leg, dep + 0.5, endHour);
    if (later === undefined || Math.floor(later / 24) !== Math.floor(dep / 24)) return true;
    const eff = Math.floor((ix.seats(sa.a.type) * 6) / 7);
    if (leg.mode === 'air') return lead >= 0.9 * eff;
    const fleet = transports.filter((v) => leg.assetTypes.includes(v.a.type) && usable(v, leg, dep)).length;
    let ready = 0;
    for (const sp of ordered(leg.from)) if (!sp.done && sp.node === leg.from && sp.ready <= dep) ready++;
    return ready >= 0.9 * eff * Math.min(fleet, s.convoy.maxVehicles);
  }

  // onward reservations: `${assetId}|${day}` -> the onward leg the vehicle keeps duty for
  const reserved = new Map<string, Leg>();
  const onwardFlown = new Set<string>();
  if (input.reserveOnward && input.tripGuide) {
    for (const leg of s.legs) {
      if (ix.facility.get(leg.from)!.kind !== 'staging' || !leg.departWindow) continue;
      for (const typeId of leg.assetTypes) {
        for (let d = Math.floor(input.startHour / 24); d < s.horizonDays; d++) {
          let k = Math.round(input.tripGuide.get(`${leg.id}|${typeId}|${d}`) ?? 0);
          for (const v of assets) {
            if (k <= 0) break;
            if (v.a.type !== typeId || v.down.has(d) || d < v.a.availableFromDay || (v.a.availableToDay !== undefined && d >= v.a.availableToDay) || reserved.has(`${v.a.id}|${d}`)) continue;
            reserved.set(`${v.a.id}|${d}`, leg);
            k--;
          }
        }
      }
    }
  }
  /** a reserved vehicle may take another leg only if the onward trip still fits that day */
  function keepsReservation(sa: SimAsset, leg: Leg, dep: number): boolean {
    const day = Math.floor(dep / 24);
    const onward = reserved.get(`${sa.a.id}|${day}`);
    if (!onward || onward === leg || onwardFlown.has(`${sa.a.id}|${day}`)) return true;
    const w = onward.departWindow!;
    // with onwardEarly the trip on a window that wraps midnight leaves after midnight while persons
    // wait at sources, on the next day's duty: keeping this day's duty for it idled CH-47s all
    // afternoon on day 0 (demo, with sourceCap: 47,892 -> 47,538; 48,051 -> 47,373 untrimmed)
    if (input.onwardEarly && atSources > 0 && w.fromHour > w.toHour) return true;
    const latest = day * 24 + (w.fromHour > w.toHour ? 24 : w.toHour);
    const cyc = ix.cycleHours(leg, sa.a.type);
    const type = ix.assetType.get(sa.a.type)!;
    return dep + cyc <= latest && (sa.duty.get(day) ?? 0) + cyc + ix.cycleHours(onward, sa.a.type) <= type.dutyHoursPerDay + 1e-9;
  }

  // sorties per asset type, in time order; each taken at most once
  const sortieQueue = new Map<string, { leg: Leg; hour: number; done: boolean }[]>();
  for (const x of [...(input.sorties ?? [])].sort((a, b) => a.hour - b.hour || (a.legId < b.legId ? -1 : a.legId > b.legId ? 1 : 0))) {
    if (x.hour < input.startHour) continue;
    const q = sortieQueue.get(x.typeId) ?? [];
    q.push({ leg: ix.leg.get(x.legId)!, hour: x.hour, done: false });
    sortieQueue.set(x.typeId, q);
  }
  const sortieStart = new Map<string, number>();
  const lateHours = input.sortieLateHours ?? 1;
  /** marks the type's sorties more than `lateHours` overdue at time t as missed; the queue's scan starts after the leading done ones */
  function dropMissedSorties(typeId: string, t: number): void {
    const q = sortieQueue.get(typeId) ?? [];
    let i = sortieStart.get(typeId) ?? 0;
    for (; i < q.length && (q[i].done || q[i].hour < t - lateHours - 1e-9); i++) q[i].done = true;
    sortieStart.set(typeId, i);
  }
  /** a convoy member takes one pending sortie of its type on the leg due around `dep` */
  function consumeSorties(leg: Leg, dep: number, typeId: string): void {
    for (const x of sortieQueue.get(typeId) ?? []) {
      if (x.hour > dep + lateHours) break;
      if (!x.done && x.leg === leg && x.hour >= dep - lateHours) { x.done = true; return; }
    }
  }

  /** whether a vehicle of the type has a pending sortie on the leg due around `dep` */
  function hasSortie(typeId: string, leg: Leg, dep: number): boolean {
    for (const x of sortieQueue.get(typeId) ?? []) {
      if (x.hour > dep + lateHours) break;
      if (!x.done && x.leg === leg && x.hour >= dep - lateHours) return true;
    }
    return false;
  }

  const legsByType = new Map<string, Leg[]>();
  for (const l of s.legs) for (const t of l.assetTypes) legsByType.set(t, [...(legsByType.get(t) ?? []), l]);
  const transports = assets.filter((x) => !x.escort);
  const servesSources = new Set(s.legs.filter((l) => ix.facility.get(l.from)!.kind === 'source').flatMap((l) => l.assetTypes));
  const escorts = assets.filter((x) => x.escort);

  // not on the plan's first night: while staging fills, a vehicle's first-day duty moves more persons
  // on daytime source runs (demo: from the first night 47,117, from the second 46,946, third 46,952)
  let pairsBooked = Math.floor(input.startHour / 24);
  /**
   * see `nightPairs`: booked at the start of day d for the night after it; the room the pair lands in
   * is promised by the departures at midnight (counted now, settled when they are committed), so the
   * day's source runs can fill staging up to capacity
   */
  const wrapOnward = s.legs.filter((l) => ix.facility.get(l.from)!.kind === 'staging' && l.departWindow && l.departWindow.fromHour > l.departWindow.toHour);
  function bookNightPairs(perNight: number, d: number): void {
    const midnight = (d + 1) * 24;
    let k = perNight;
    for (const v of transports) {
      if (k <= 0 || atSources === 0) break;
      const onward = wrapOnward.find((l) => l.assetTypes.includes(v.a.type));
      if (!onward) continue;
      const back = midnight + onward.departWindow!.toHour;
      let pick: { leg: Leg; dep: number; load: Load } | undefined;
      for (const leg of legsByType.get(v.a.type) ?? []) {
        if (leg.mode !== 'air' || ix.facility.get(leg.from)!.kind !== 'source' || ix.facility.get(leg.to)!.kind !== 'staging' || leg.to !== onward.from) continue;
        const cyc = ix.cycleHours(leg, v.a.type);
        // the latest quarter-hour departure before midnight that is back by the window's end
        const dep = Math.min(midnight - 0.25, Math.floor((back - cyc) * 4 + 1e-9) / 4);
        if (dep + leg.durationHours <= midnight + 1e-9 || dep < input.startHour || nextDeparture(ix, leg, dep, endHour) !== dep || !usable(v, leg, dep)) continue;
        const load = buildLoad(leg, dep, ix.seats(v.a.type), new Set(), true);
        if (load.ids.length > 0 && (!pick || load.value > pick.load.value)) pick = { leg, dep, load };
      }
      if (!pick) continue;
      const free = v.nextFree;
      const n = pick.load.ids.length;
      staging.add(pick.leg.to, midnight, -n);
      promised.push({ node: pick.leg.to, at: midnight, by: pick.dep + pick.leg.durationHours, n });
      commit(v, pick.leg, pick.dep, pick.load.ids, undefined);
      v.holds.push({ start: pick.dep, end: v.nextFree, kind: 'pair' });
      v.nextFree = free;
      k--;
    }
  }
  while (remaining > 0) {
    let sa: SimAsset | undefined;
    for (const x of transports) if (x.nextFree < endHour && (!sa || x.nextFree < sa.nextFree)) sa = x;
    if (!sa) break;
    const t = sa.nextFree;
    // holds that have ended can no longer clash with anything this vehicle does
    if (sa.holds.some((h) => h.end <= t + 1e-9)) sa.holds = sa.holds.filter((h) => h.end > t + 1e-9);
    if (input.nightPairs && input.onwardEarly) while (pairsBooked < Math.floor(t / 24) && pairsBooked < s.horizonDays - 2) bookNightPairs(input.nightPairs, ++pairsBooked);
    const inHold = sa.holds.find((h) => t >= h.start - 1e-9 && t < h.end - 1e-9);
    if (inHold) { sa.nextFree = inHold.end; continue; }
    // a sortie due now is flown as planned; with `sortieHold` one due later limits what the vehicle does until then
    let hold: { leg: Leg; dep: number } | undefined;
    let forced: { leg: Leg; dep: number; load: Load; rate: number } | undefined;
    // whether `forced` is a sortie (its convoy then takes only vehicles with a sortie there too)
    let sortieForced = false;
    dropMissedSorties(sa.a.type, t);
    const day0 = Math.floor(t / 24);
    const queue = sortieQueue.get(sa.a.type) ?? [];
    for (let i = sortieStart.get(sa.a.type) ?? 0; i < queue.length; i++) {
      const x = queue[i];
      if (x.done) continue;
      if (Math.floor(x.hour / 24) > day0) break;
      const dep = nextDeparture(ix, x.leg, Math.max(t, x.hour), endHour);
      if (dep === undefined || Math.floor(dep / 24) !== Math.floor(x.hour / 24) || dep > x.hour + lateHours + 1e-9) { x.done = true; continue; }
      // another vehicle of the type may still fly it
      if (!usable(sa, x.leg, dep) || !keepsReservation(sa, x.leg, dep)) continue;
      if (dep > t + 1e-9) { hold = { leg: x.leg, dep }; break; }
      if (x.leg.mode === 'road' && escorts.filter((e) => usable(e, x.leg, dep)).length < s.convoy.minEscort) continue;
      const load = buildLoad(x.leg, dep, ix.seats(sa.a.type), new Set());
      if (load.ids.length === 0) continue;
      x.done = true;
      forced = { leg: x.leg, dep, load, rate: Infinity };
      sortieForced = true;
      break;
    }
    if (hold && input.sortieHold !== true) hold = undefined;
    // staging over capacity at some instant ahead (only trips already flown can do that: a re-plan
    // whose persons in the air land where the onward departures they counted on were lost): a
    // vehicle that can leave it now does, before anything else
    if (!forced) for (const leg of legsByType.get(sa.a.type) ?? []) {
      const from = ix.facility.get(leg.from)!;
      if (from.kind !== 'staging') continue;
      const dep = nextDeparture(ix, leg, t, endHour);
      if (dep === undefined || Math.floor(dep / 24) > Math.floor(t / 24) || staging.maxFrom(leg.from, dep) <= (from.holdingCapacity ?? Infinity) || !usable(sa, leg, dep)) continue;
      if (leg.mode === 'road' && escorts.filter((e) => usable(e, leg, dep)).length < s.convoy.minEscort) continue;
      // the most persons (lenient guard ratios first), first in first out within a ratio
      const load = buildLoad(leg, dep, ix.seats(sa.a.type), new Set(), false, true);
      if (load.ids.length > 0) { forced = { leg, dep, load, rate: Infinity }; break; }
    }
    let best: { leg: Leg; dep: number; load: Load; rate: number } | undefined = forced;
    for (const leg of forced ? [] : legsByType.get(sa.a.type) ?? []) {
      const dep = nextDeparture(ix, leg, t, endHour);
      if (dep === undefined || Math.floor(dep / 24) > Math.floor(t / 24) || !usable(sa, leg, dep) || !keepsReservation(sa, leg, dep)) continue;
      if (hold && (dep + ix.cycleHours(leg, sa.a.type) > hold.dep + 1e-9
        || (Math.floor(hold.dep / 24) === Math.floor(dep / 24) && (sa.duty.get(Math.floor(dep / 24)) ?? 0) + ix.cycleHours(leg, sa.a.type) + ix.cycleHours(hold.leg, sa.a.type) > ix.assetType.get(sa.a.type)!.dutyHoursPerDay + 1e-9))) continue;
      if (leg.mode === 'road' && escorts.filter((e) => usable(e, leg, dep)).length < s.convoy.minEscort) continue;
      const load = buildLoad(leg, dep, ix.seats(sa.a.type), new Set());
      if (load.ids.length === 0) continue;
      if (input.fillBeforeLeaving && ix.facility.get(leg.from)!.kind === 'staging' && !worthLeaving(sa, leg, dep, load.ids.length)) continue;
      if (input.onwardThreshold !== undefined && atSources > 0 && ix.facility.get(leg.from)!.kind === 'staging' && servesSources.has(sa.a.type)
        && staging.maxFrom(leg.from, dep) < input.onwardThreshold * (ix.facility.get(leg.from)!.holdingCapacity ?? 0)) continue;
      if (input.onwardEarly && atSources > 0 && leg.departWindow && leg.departWindow.fromHour > leg.departWindow.toHour && ix.facility.get(leg.from)!.kind === 'staging'
        && servesSources.has(sa.a.type) && dep - Math.floor(dep / 24) * 24 > leg.departWindow.toHour + 1e-9) continue;
      const guided = !input.tripGuide || guideLeft(leg, sa.a.type, Math.floor(dep / 24)) > 0.5 || (input.catchUpLegs && sourceLag(leg.from, Math.floor(dep / 24) - 1) >= input.catchUpLegs * ix.seats(sa.a.type)) ? 1 : 1e-3;
      const rate = (guided * load.value) / (dep - t + ix.cycleHours(leg, sa.a.type)) ** (input.timeWeight ?? 1);
      if (!best || rate > best.rate) best = { leg, dep, load, rate };
    }
    if (!best && !hold && input.onwardEarly && input.nightWave && atSources > 0 && !sa.holds.some((h) => h.kind === 'night' && h.start > t + 1e-9)) {
      const day = Math.floor(t / 24);
      const midnight = (day + 1) * 24;
      let booked: { leg: Leg; dep: number; load: Load; rate: number } | undefined;
      for (const leg of legsByType.get(sa.a.type) ?? []) {
        if (leg.mode !== 'air') continue;
        const fromKind = ix.facility.get(leg.from)!.kind;
        let dep: number | undefined;
        if (fromKind === 'staging') {
          const w = leg.departWindow;
          if (!w || w.fromHour <= w.toHour) continue;
          dep = nextDeparture(ix, leg, midnight, endHour);
          if (dep === undefined || dep - midnight > w.toHour + 1e-9) continue;
        } else if (fromKind === 'source') {
          const late = midnight - 0.25;
          if (late < t || nextDeparture(ix, leg, late, endHour) !== late) continue;
          dep = late;
        } else continue;
        if (!usable(sa, leg, dep)) continue;
        const load = buildLoad(leg, dep, ix.seats(sa.a.type), new Set());
        if (load.ids.length === 0) continue;
        const rate = load.value / ix.cycleHours(leg, sa.a.type);
        if (!booked || rate > booked.rate) booked = { leg, dep, load, rate };
      }
      if (booked) {
        commit(sa, booked.leg, booked.dep, booked.load.ids, undefined);
        if (input.keepFreeUntilBooked && booked.dep > t + 1e-9) { sa.holds.push({ start: booked.dep, end: sa.nextFree, kind: 'night' }); sa.nextFree = t; }
        continue;
      }
    }
    if (!best) {
      // idle until something changes: a new day, a window opening, a departure or an arrival
      let next = Math.min((Math.floor(t / 24) + 1) * 24, nextEvent(t));
      for (const leg of legsByType.get(sa.a.type) ?? []) {
        const d = nextDeparture(ix, leg, t, endHour);
        if (d !== undefined && d > t) next = Math.min(next, d);
      }
      for (const h of sa.holds) if (h.start > t + 1e-9) next = Math.min(next, h.start);
      if (hold) next = Math.min(next, hold.dep);
      sa.nextFree = next;
      continue;
    }
    const { leg, dep } = best;
    if (leg.mode === 'air') { commit(sa, leg, dep, best.load.ids, undefined); continue; }
    // road: the lead vehicle gathers other free vehicles and escorts into one convoy
    const convoyId = `${input.idPrefix}C${++convoyNo}`;
    const members: { v: SimAsset; load: SimPerson[] }[] = [{ v: sa, load: best.load.ids }];
    const taken = new Set(best.load.ids);
    pending = [{ from: leg.from, to: leg.to, n: best.load.ids.length }];
    for (const v of transports) {
      if (members.length >= s.convoy.maxVehicles) break;
      if (v === sa || !leg.assetTypes.includes(v.a.type) || !usable(v, leg, dep)) continue;
      if (sortieForced && !hasSortie(v.a.type, leg, dep)) continue;
      // each member's load is held to the source cap on its own (the cap does not count what the
      // convoy's other vehicles took): the day-0 buses down the 1 h Derik road fill up and then
      // feed the MAXSEC convoy; holding the whole convoy to the cap was worse (demo 46,587.5 -> 47,274.8)
      const load = buildLoad(leg, dep, ix.seats(v.a.type), taken);
      if (load.ids.length === 0) break;
      if (sortieForced) consumeSorties(leg, dep, v.a.type);
      for (const x of load.ids) taken.add(x);
      pending.push({ from: leg.from, to: leg.to, n: load.ids.length });
      members.push({ v, load: load.ids });
    }
    pending = [];
    const esc = escorts.filter((e) => usable(e, leg, dep)).slice(0, s.convoy.minEscort);
    for (const m of members) commit(m.v, leg, dep, m.load, convoyId);
    for (const e of esc) commit(e, leg, dep, [], convoyId);
  }
  for (const x of persons.values())
    if (!x.done) unplanned.push({ personId: x.p.id, reason: x.node === x.p.source ? 'not moved within the horizon' : `stranded at ${x.node}` });
  return { trips, unplanned };
}
