import highsLoader from 'highs';
import { RISK_CLASSES, type Leg, type RiskClass } from '../scenario/scenario-schema';
import { windowSpanHours, type ScenarioIndex } from './scenario-index';

/**
 * LP relaxation of the transfer problem on a day-indexed network, aggregated by (node, risk class):
 * flows per leg/class/day, fractional vehicle trips per leg/type/day. Every constraint is implied by
 * the real rules (duty hours, windows, seats with fractional guards, cumulative eligibility, staging
 * end-of-day occupancy, cumulative intake with one day of arrival lag), so its optimum is a valid
 * lower bound on exposure. It also yields per (source, day) departure targets that guide the
 * constructive scheduler.
 */

export interface BoundState {
  /** first day the LP may schedule (re-plans start mid-operation) */
  startDay: number;
  /** persons still at each source per class, with earliest day, and stock already beyond sources */
  atSource: { source: string; risk: RiskClass; earliestDay: number }[];
  atStaging: { node: string; risk: RiskClass }[];
  /** exposure already fixed (persons that left before startDay) plus days before startDay */
  fixedExposure: number;
}

export interface BoundResult {
  lowerBound: number;
  status: string;
  /** planned departures per `${source}@${day}` in the LP optimum */
  sourceDepartures: Map<string, number>;
}

type HighsApi = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<HighsApi> | undefined;
function loadHighs(): Promise<HighsApi> {
  highsPromise ??= highsLoader();
  return highsPromise;
}

export async function exposureLowerBound(ix: ScenarioIndex, st: BoundState, timeLimitSeconds: number): Promise<BoundResult> {
  const s = ix.scenario;
  const H = s.horizonDays;
  const D0 = st.startDay;
  const days: number[] = [];
  for (let d = D0; d < H; d++) days.push(d);
  const cols: { name: string; cost: number; ub: number }[] = [];
  const rows: string[] = [];
  const col = (cost: number, ub = Infinity) => { const name = `x${cols.length}`; cols.push({ name, cost, ub }); return name; };
  const term = (coef: number, v: string) => `${coef >= 0 ? '+' : '-'} ${Math.abs(coef)} ${v}`;
  const row = (terms: string[], rel: string, rhs: number) => {
    if (terms.length === 0) return;
    const lines: string[] = [];
    for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(' '));
    rows.push(` r${rows.length}: ${lines.join('\n  ')} ${rel} ${rhs}`);
  };

  const avail = (typeId: string, d: number) => s.assets.filter((a) => a.type === typeId && d >= a.availableFromDay && (a.availableToDay === undefined || d < a.availableToDay) && !(a.downDays ?? []).includes(d)).length;
  const classes = RISK_CLASSES;
  // f[leg][class][day], trips n[leg][type][day]
  const f = new Map<string, string>();
  const dutyTerms = new Map<string, string[]>();
  const pushDuty = (typeId: string, d: number, t: string) => { const k = `${typeId}@${d}`; dutyTerms.set(k, [...(dutyTerms.get(k) ?? []), t]); };
  const escortTypes = s.assetTypes.filter((t) => t.role === 'escort');
  const sourceCost = (src: string, c: RiskClass, d: number) => { let w = 0; for (let x = d; x < H; x++) w += ix.riskWeight(src, x); return -ix.multiplier(c) * w; };

  for (const leg of s.legs) {
    const fromSource = ix.facility.get(leg.from)!.kind === 'source';
    for (const d of days) {
      if (!ix.legOpenOnDay(leg, d)) continue;
      const seatTerms: string[] = [];
      const tripTerms: string[] = [];
      for (const k of leg.assetTypes) {
        const type = ix.assetType.get(k)!;
        if (type.role === 'escort') continue;
        const a = avail(k, d);
        const cyc = ix.cycleHours(leg, k);
        if (a === 0 || cyc > type.dutyHoursPerDay) continue;
        const perAsset = Math.min(Math.floor(type.dutyHoursPerDay / cyc), Math.floor(windowSpanHours(leg) / cyc) + 1);
        const n = col(0, a * perAsset);
        seatTerms.push(term(ix.seats(k), n));
        tripTerms.push(term(1, n));
        pushDuty(k, d, term(cyc, n));
      }
      if (seatTerms.length === 0) continue;
      const load: string[] = [];
      for (const c of classes) {
        const v = col(fromSource ? sourceCost(leg.from, c, d) : 0);
        f.set(`${leg.id}|${c}|${d}`, v);
        load.push(term(1 + 1 / ix.guardRatio(c), v));
      }
      row([...load, ...seatTerms.map((t) => t.replace(/^\+/, '-'))], '<=', 0);
      if (leg.mode === 'road' && s.convoy.minEscort > 0) {
        const esc: string[] = [];
        for (const et of escortTypes) {
          const a = avail(et.id, d);
          const cyc = ix.cycleHours(leg, et.id);
          if (a === 0 || cyc > et.dutyHoursPerDay) continue;
          const e = col(0, a * Math.floor(et.dutyHoursPerDay / cyc));
          esc.push(term(1, e));
          pushDuty(et.id, d, term(cyc, e));
        }
        row([...tripTerms.map((t) => `${t.startsWith('+') ? '+' : '-'} ${(s.convoy.minEscort / s.convoy.maxVehicles)} ${t.split(' ')[2]}`), ...esc.map((t) => t.replace(/^\+/, '-'))], '<=', 0);
      }
    }
  }
  for (const [k, terms] of dutyTerms) {
    const [typeId, d] = k.split('@');
    const type = ix.assetType.get(typeId)!;
    row(terms, '<=', avail(typeId, Number(d)) * type.dutyHoursPerDay);
  }
  const flows = (legs: Leg[], c: RiskClass, upTo: number) => {
    const out: string[] = [];
    for (const l of legs) for (let d = D0; d <= upTo; d++) { const v = f.get(`${l.id}|${c}|${d}`); if (v) out.push(v); }
    return out;
  };
  const into = (node: string) => s.legs.filter((l) => l.to === node);
  let constant = st.fixedExposure;
  for (const src of s.facilities.filter((x) => x.kind === 'source')) {
    const out = ix.legsFrom.get(src.id) ?? [];
    for (const c of classes) {
      const group = st.atSource.filter((p) => p.source === src.id && p.risk === c);
      if (group.length === 0) { const all = flows(out, c, H - 1); row(all.map((v) => term(1, v)), '<=', 0); continue; }
      let w = 0;
      for (let d = D0; d < H; d++) w += ix.riskWeight(src.id, d);
      constant += ix.multiplier(c) * w * group.length;
      for (const d of days) {
        const elig = group.filter((p) => p.earliestDay <= d).length;
        const cum = flows(out, c, d).map((v) => term(1, v));
        row(cum, d === H - 1 ? '=' : '<=', d === H - 1 ? group.length : elig);
      }
    }
  }
  for (const node of s.facilities.filter((x) => x.kind === 'staging')) {
    const out = ix.legsFrom.get(node.id) ?? [];
    const inn = into(node.id);
    let initTotal = 0;
    for (const c of classes) {
      const init = st.atStaging.filter((p) => p.node === node.id && p.risk === c).length;
      initTotal += init;
      for (const d of days) {
        const terms = [...flows(out, c, d).map((v) => term(1, v)), ...flows(inn, c, d).map((v) => term(-1, v))];
        row(terms, d === H - 1 ? '=' : '<=', init);
      }
    }
    for (const d of days) {
      if (d === D0) continue;
      const terms: string[] = [];
      for (const c of classes) terms.push(...flows(inn, c, d - 1).map((v) => term(1, v)), ...flows(out, c, d).map((v) => term(-1, v)));
      row(terms, '<=', (node.holdingCapacity ?? 0) - initTotal);
    }
  }
  for (const dst of s.facilities.filter((x) => x.kind === 'destination')) {
    const inn = into(dst.id);
    for (const d of days) {
      const terms = classes.flatMap((c) => flows(inn, c, d).map((v) => term(1, v)));
      row(terms, '<=', cumulativeIntake(ix, dst.id, D0, d + 1));
    }
  }

  const objective = cols.filter((c) => c.cost !== 0).map((c) => term(c.cost, c.name));
  const objLines: string[] = [];
  for (let i = 0; i < objective.length; i += 8) objLines.push(objective.slice(i, i + 8).join(' '));
  const bounds = cols.filter((c) => c.ub !== Infinity).map((c) => ` 0 <= ${c.name} <= ${c.ub}`);
  const lp = `Minimize\n obj: ${objLines.join('\n  ') || '0 x0'}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
  const highs = await loadHighs();
  const res = highs.solve(lp, { output_flag: false, time_limit: timeLimitSeconds, solver: 'simplex', presolve: 'on' });
  if (res.Status !== 'Optimal') return { lowerBound: NaN, status: res.Status, sourceDepartures: new Map() };
  const sourceDepartures = new Map<string, number>();
  for (const [key, name] of f) {
    const [legId, , d] = key.split('|');
    const leg = ix.leg.get(legId)!;
    if (ix.facility.get(leg.from)!.kind !== 'source') continue;
    const v = (res.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0;
    if (v > 1e-6) sourceDepartures.set(`${leg.from}@${d}`, (sourceDepartures.get(`${leg.from}@${d}`) ?? 0) + v);
  }
  return { lowerBound: constant + res.ObjectiveValue, status: res.Status, sourceDepartures };
}

function cumulativeIntake(ix: ScenarioIndex, dst: string, from: number, to: number): number {
  let c = 0;
  for (let d = from; d <= to; d++) c += ix.intake(dst, d);
  return c;
}
