import { DEFAULT_RISK_RULES, DEFAULT_SEATS, type Asset, type AssetType, type Facility, type Leg, type RiskClass, type Scenario } from '../scenario/scenario-schema';

/** Lookups the solver needs many times, resolved once (defaults applied). */
export interface ScenarioIndex {
  scenario: Scenario;
  facility: Map<string, Facility>;
  leg: Map<string, Leg>;
  assetType: Map<string, AssetType>;
  legsFrom: Map<string, Leg[]>;
  seats(typeId: string): number;
  guardRatio(c: RiskClass): number;
  multiplier(c: RiskClass): number;
  riskWeight(facilityId: string, day: number): number;
  intake(facilityId: string, day: number): number;
  cycleHours(leg: Leg, typeId: string): number;
  legOpenOnDay(leg: Leg, day: number): boolean;
}

function byDay(base: number, steps: { fromDay: number; value: number }[] | undefined, day: number): number {
  let v = base;
  let at = -1;
  for (const s of steps ?? []) if (s.fromDay <= day && s.fromDay >= at) { v = s.value; at = s.fromDay; }
  return v;
}

export function indexScenario(scenario: Scenario): ScenarioIndex {
  const facility = new Map(scenario.facilities.map((f) => [f.id, f]));
  const leg = new Map(scenario.legs.map((l) => [l.id, l]));
  const assetType = new Map(scenario.assetTypes.map((t) => [t.id, t]));
  const legsFrom = new Map<string, Leg[]>();
  for (const l of scenario.legs) legsFrom.set(l.from, [...(legsFrom.get(l.from) ?? []), l]);
  const rules = { ...DEFAULT_RISK_RULES, ...(scenario.riskClasses ?? {}) };
  const closed = new Map(scenario.legs.map((l) => [l.id, new Set(l.closedDays ?? [])]));
  return {
    scenario, facility, leg, assetType, legsFrom,
    seats: (t) => { const at = assetType.get(t)!; return at.role === 'escort' ? 0 : (at.seats ?? DEFAULT_SEATS[t] ?? 0); },
    guardRatio: (c) => rules[c]!.guardRatio,
    multiplier: (c) => rules[c]!.exposureMultiplier,
    riskWeight: (f, d) => { const fac = facility.get(f)!; return byDay(fac.riskWeight ?? 0, fac.riskByDay, d); },
    intake: (f, d) => { const fac = facility.get(f)!; return byDay(fac.dailyIntake ?? 0, fac.intakeByDay, d); },
    cycleHours: (l, t) => 2 * l.durationHours + assetType.get(t)!.turnaroundHours,
    legOpenOnDay: (l, d) => !closed.get(l.id)!.has(d),
  };
}

/**
 * The categories that may not share a vehicle with the majority (the most common category among
 * eligible persons), such as cooperating witnesses: each of their loads needs a vehicle of its own.
 */
export function separatedCategories(scenario: Scenario): Set<string> {
  const count = new Map<string, number>();
  for (const p of scenario.persons) if (!p.ineligible) count.set(p.category, (count.get(p.category) ?? 0) + 1);
  const majority = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const out = new Set<string>();
  for (const [a, b] of scenario.categorySeparation) {
    if (a === majority && b !== majority) out.add(b);
    if (b === majority && a !== majority) out.add(a);
  }
  return out;
}

/** Whether the asset may be used on `day` (within its availability and not down). */
export function assetAvailable(a: Asset, day: number): boolean {
  return day >= a.availableFromDay && (a.availableToDay === undefined || day < a.availableToDay) && !(a.downDays ?? []).includes(day);
}

/** Earliest departure at or after `t` permitted by the leg's window and closures, or undefined before `endHour`. */
export function nextDeparture(ix: ScenarioIndex, leg: Leg, t: number, endHour: number): number | undefined {
  let cur = t;
  while (cur < endHour) {
    const day = Math.floor(cur / 24);
    const h = cur - day * 24;
    const nextDay = (day + 1) * 24;
    if (!ix.legOpenOnDay(leg, day)) { cur = nextDay; continue; }
    const w = leg.departWindow;
    if (!w) return cur;
    if (w.fromHour <= w.toHour) {
      if (h < w.fromHour) return day * 24 + w.fromHour;
      if (h <= w.toHour) return cur;
      cur = nextDay;
    } else {
      if (h <= w.toHour || h >= w.fromHour) return cur;
      return day * 24 + w.fromHour;
    }
  }
  return undefined;
}

/** Longest span of departure times in one day permitted by the window (for the bound). */
export function windowSpanHours(leg: Leg): number {
  const w = leg.departWindow;
  if (!w) return 24;
  return w.fromHour <= w.toHour ? w.toHour - w.fromHour : 24 - w.fromHour + w.toHour;
}

/** Guards a load needs: whole guards per risk class (ceil(persons of the class / its ratio), summed). */
export function wholeGuards(ix: ScenarioIndex, risks: Iterable<RiskClass>): number {
  const n = new Map<RiskClass, number>();
  for (const c of risks) n.set(c, (n.get(c) ?? 0) + 1);
  let guards = 0;
  for (const [c, k] of n) guards += Math.ceil(k / ix.guardRatio(c));
  return guards;
}
