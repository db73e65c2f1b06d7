import type { Plan, Trip } from '../scenario/plan-schema';
import { DEFAULT_RISK_RULES, DEFAULT_SEATS, type Leg, type Scenario } from '../scenario/scenario-schema';

/**
 * Independent plan checker. It deliberately shares no code with the solver (only the document
 * types), so a solver bug cannot hide itself here.
 */
export interface Violation {
  code: ViolationCode;
  message: string;
  ids: string[];
}
export type ViolationCode =
  | 'unknown-reference' | 'duplicate-trip' | 'asset-type-not-permitted' | 'trip-timing' | 'outside-horizon'
  | 'departure-window' | 'asset-unavailable' | 'asset-overlap' | 'duty-hours' | 'seats' | 'guards'
  | 'escort-carries' | 'convoy' | 'ineligible-moved' | 'before-earliest-day' | 'separation-group'
  | 'category-separation' | 'invalid-path' | 'not-moved' | 'holding-capacity' | 'dwell' | 'intake' | 'fixed-past-changed';

const EPS = 1e-6;

export interface ValidateOptions {
  /** the plan this one re-plans: its trips departing before `plan.fixedBeforeHour` must be kept unchanged */
  previous?: Plan;
}

export function validatePlan(scenario: Scenario, plan: Plan, options: ValidateOptions = {}): Violation[] {
  const v: Violation[] = [];
  const add = (code: ViolationCode, message: string, ids: string[]) => v.push({ code, message, ids });
  const fac = new Map(scenario.facilities.map((f) => [f.id, f]));
  const legs = new Map(scenario.legs.map((l) => [l.id, l]));
  const types = new Map(scenario.assetTypes.map((t) => [t.id, t]));
  const assets = new Map(scenario.assets.map((a) => [a.id, a]));
  const persons = new Map(scenario.persons.map((p) => [p.id, p]));
  const rules = { ...DEFAULT_RISK_RULES, ...(scenario.riskClasses ?? {}) };
  const catBan = new Set(scenario.categorySeparation.map(([a, b]) => [a, b].sort().join('|')));
  const horizon = scenario.horizonDays * 24;
  const stepValue = (base: number, steps: { fromDay: number; value: number }[] | undefined, day: number) =>
    [...(steps ?? [])].filter((x) => x.fromDay <= day).sort((a, b) => a.fromDay - b.fromDay).pop()?.value ?? base;

  const good: { t: Trip; leg: Leg }[] = [];
  const seen = new Set<string>();
  for (const t of plan.trips) {
    if (seen.has(t.id)) add('duplicate-trip', `trip id ${t.id} appears twice`, [t.id]);
    seen.add(t.id);
    const leg = legs.get(t.legId);
    const asset = assets.get(t.assetId);
    if (!leg || !asset) { add('unknown-reference', `trip ${t.id} refers to unknown ${!leg ? `leg ${t.legId}` : `asset ${t.assetId}`}`, [t.id]); continue; }
    const unknown = t.persons.filter((p) => !persons.has(p));
    if (unknown.length) { add('unknown-reference', `trip ${t.id} carries unknown persons ${unknown.join(', ')}`, [t.id, ...unknown]); continue; }
    const type = types.get(asset.type)!;
    if (!leg.assetTypes.includes(asset.type) && !(type.role === 'escort' && leg.mode === 'road'))
      add('asset-type-not-permitted', `trip ${t.id}: ${asset.type} ${asset.id} may not use leg ${leg.id}`, [t.id, asset.id, leg.id]);
    if (type.mode !== leg.mode) add('asset-type-not-permitted', `trip ${t.id}: ${type.mode} asset on ${leg.mode} leg ${leg.id}`, [t.id, asset.id, leg.id]);
    if (Math.abs(t.arriveHour - t.departHour - leg.durationHours) > EPS)
      add('trip-timing', `trip ${t.id} arrives at ${t.arriveHour}, expected ${t.departHour + leg.durationHours}`, [t.id]);
    if (t.departHour < 0 || t.departHour >= horizon) add('outside-horizon', `trip ${t.id} departs at hour ${t.departHour}, outside 0..${horizon}`, [t.id]);
    const day = Math.floor(t.departHour / 24);
    const hod = t.departHour - day * 24;
    const w = leg.departWindow;
    const inWindow = !w || (w.fromHour <= w.toHour ? hod >= w.fromHour - EPS && hod <= w.toHour + EPS : hod >= w.fromHour - EPS || hod <= w.toHour + EPS);
    if (!inWindow || (leg.closedDays ?? []).includes(day))
      add('departure-window', `trip ${t.id} departs leg ${leg.id} on day ${day} at ${hod.toFixed(2)}h, not permitted`, [t.id, leg.id]);
    if (day < asset.availableFromDay || (asset.availableToDay !== undefined && day >= asset.availableToDay) || (asset.downDays ?? []).includes(day))
      add('asset-unavailable', `asset ${asset.id} is not available on day ${day} (trip ${t.id})`, [t.id, asset.id]);
    if (type.role === 'escort') {
      if (t.persons.length > 0 || t.guards > 0) add('escort-carries', `escort trip ${t.id} carries persons or guards`, [t.id]);
    } else {
      const seats = type.seats ?? DEFAULT_SEATS[type.id] ?? 0;
      const perClass = new Map<string, number>();
      for (const id of t.persons) { const r = persons.get(id)!.risk; perClass.set(r, (perClass.get(r) ?? 0) + 1); }
      let need = 0;
      for (const [r, n] of perClass) need += Math.ceil(n / rules[r as keyof typeof rules]!.guardRatio);
      if (t.guards < need) add('guards', `trip ${t.id} has ${t.guards} guards, needs ${need}`, [t.id]);
      if (t.persons.length + t.guards > seats) add('seats', `trip ${t.id} seats ${t.persons.length} persons + ${t.guards} guards in ${seats} seats`, [t.id, asset.id]);
    }
    if (new Set(t.persons).size !== t.persons.length) add('invalid-path', `trip ${t.id} lists a person twice`, [t.id]);
    const groupOf = new Map<string, string>();
    const cats: string[] = [];
    for (const id of t.persons) {
      const p = persons.get(id)!;
      if (p.ineligible) add('ineligible-moved', `person ${id} is ineligible (${p.ineligible.reason}) but is on trip ${t.id}`, [id, t.id]);
      if (day < p.earliestDay && fac.get(leg.from)?.kind === 'source') add('before-earliest-day', `person ${id} leaves on day ${day}, before earliest day ${p.earliestDay}`, [id, t.id]);
      for (const g of p.separationGroups ?? []) {
        const other = groupOf.get(g);
        if (other) add('separation-group', `persons ${other} and ${id} (group ${g}) share trip ${t.id}`, [other, id, t.id]);
        else groupOf.set(g, id);
      }
      for (const c of cats) if (catBan.has([c, p.category].sort().join('|'))) { add('category-separation', `categories ${c} and ${p.category} share trip ${t.id}`, [id, t.id]); break; }
      cats.push(p.category);
    }
    good.push({ t, leg });
  }

  // per asset: cycles must not overlap, duty hours per departure day
  const byAsset = new Map<string, { t: Trip; leg: Leg }[]>();
  for (const g of good) push(byAsset, g.t.assetId, g);
  for (const [assetId, list] of byAsset) {
    const type = types.get(assets.get(assetId)!.type)!;
    const cyc = (g: { leg: Leg }) => 2 * g.leg.durationHours + type.turnaroundHours;
    list.sort((a, b) => a.t.departHour - b.t.departHour);
    const duty = new Map<number, number>();
    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      if (i > 0) {
        const prev = list[i - 1];
        if (prev.t.departHour + cyc(prev) > g.t.departHour + EPS) add('asset-overlap', `asset ${assetId}: trip ${g.t.id} departs before ${prev.t.id} is back and turned around`, [assetId, prev.t.id, g.t.id]);
      }
      const d = Math.floor(g.t.departHour / 24);
      duty.set(d, (duty.get(d) ?? 0) + cyc(g));
    }
    for (const [d, h] of duty) if (h > type.dutyHoursPerDay + EPS) add('duty-hours', `asset ${assetId} is committed ${h}h on day ${d}, limit ${type.dutyHoursPerDay}h`, [assetId]);
  }

  // convoys: road transport trips travel in convoys with escorts
  const convoys = new Map<string, { t: Trip; leg: Leg }[]>();
  for (const g of good) {
    if (g.leg.mode !== 'road') continue;
    if (!g.t.convoyId) { add('convoy', `road trip ${g.t.id} is not part of a convoy`, [g.t.id]); continue; }
    push(convoys, g.t.convoyId, g);
  }
  for (const [cid, list] of convoys) {
    const first = list[0].t;
    if (list.some((g) => g.t.legId !== first.legId || Math.abs(g.t.departHour - first.departHour) > EPS)) add('convoy', `convoy ${cid} vehicles do not share leg and departure`, [cid]);
    const esc = list.filter((g) => types.get(assets.get(g.t.assetId)!.type)!.role === 'escort').length;
    const veh = list.length - esc;
    if (esc < scenario.convoy.minEscort) add('convoy', `convoy ${cid} has ${esc} escorts, needs ${scenario.convoy.minEscort}`, [cid]);
    if (veh > scenario.convoy.maxVehicles) add('convoy', `convoy ${cid} has ${veh} vehicles, limit ${scenario.convoy.maxVehicles}`, [cid]);
  }

  // journeys: each eligible person once along a valid path to a destination
  const journeys = new Map<string, { t: Trip; leg: Leg }[]>();
  for (const g of good) for (const id of g.t.persons) push(journeys, id, g);
  const occupancy = new Map<string, { at: number; d: number }[]>();
  const intake = new Map<string, number>();
  for (const p of scenario.persons) {
    const j = (journeys.get(p.id) ?? []).sort((a, b) => a.t.departHour - b.t.departHour);
    if (j.length === 0) { if (!p.ineligible) add('not-moved', `eligible person ${p.id} is not moved`, [p.id]); continue; }
    let at = p.source;
    let ready = 0;
    const visited = new Set([at]);
    let ok = true;
    for (const g of j) {
      if (g.leg.from !== at || g.t.departHour < ready - EPS || visited.has(g.leg.to)) {
        add('invalid-path', `person ${p.id}: trip ${g.t.id} (${g.leg.from}->${g.leg.to}) does not continue from ${at} after hour ${ready}`, [p.id, g.t.id]);
        ok = false; break;
      }
      const here = fac.get(at)!;
      if (here.kind === 'staging') {
        push(occupancy, at, { at: g.t.departHour, d: -1 });
        if (g.t.departHour - ready > (here.maxDwellHours ?? Infinity) + EPS) add('dwell', `person ${p.id} waits ${(g.t.departHour - ready).toFixed(1)}h at ${at}, limit ${here.maxDwellHours}h`, [p.id, at]);
      }
      at = g.leg.to; ready = g.t.arriveHour; visited.add(at);
      if (fac.get(at)!.kind === 'staging') push(occupancy, at, { at: ready, d: +1 });
    }
    if (!ok) continue;
    const end = fac.get(at)!;
    if (end.kind !== 'destination') { add('invalid-path', `person ${p.id} ends at ${at}, not a destination`, [p.id, at]); continue; }
    const k = `${at}|${Math.floor(ready / 24)}`;
    intake.set(k, (intake.get(k) ?? 0) + 1);
  }
  for (const [k, n] of intake) {
    const [id, d] = k.split('|');
    const f = fac.get(id)!;
    const limit = stepValue(f.dailyIntake ?? 0, f.intakeByDay, Number(d));
    if (n > limit) add('intake', `destination ${id} receives ${n} on day ${d}, limit ${limit}`, [id]);
  }
  for (const [node, ev] of occupancy) {
    ev.sort((a, b) => a.at - b.at || b.d - a.d);
    let occ = 0;
    let peak = 0;
    let peakAt = 0;
    for (const e of ev) { occ += e.d; if (occ > peak) { peak = occ; peakAt = e.at; } }
    const cap = fac.get(node)!.holdingCapacity ?? 0;
    if (peak > cap) add('holding-capacity', `staging ${node} holds ${peak} at hour ${peakAt}, capacity ${cap}`, [node]);
  }

  if (options.previous) {
    const now = new Map(plan.trips.map((t) => [t.id, t]));
    for (const t of options.previous.trips) {
      if (t.departHour >= plan.fixedBeforeHour) continue;
      const n = now.get(t.id);
      if (!n || JSON.stringify(n) !== JSON.stringify(t)) add('fixed-past-changed', `trip ${t.id} departed before hour ${plan.fixedBeforeHour} but was changed or dropped`, [t.id]);
    }
    const before = new Set(options.previous.trips.map((x) => x.id));
    for (const t of plan.trips) if (t.departHour < plan.fixedBeforeHour && !before.has(t.id)) add('fixed-past-changed', `trip ${t.id} is new but departs in the fixed past`, [t.id]);
  }
  return v;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
