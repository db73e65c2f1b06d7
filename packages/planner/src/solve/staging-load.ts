/** Occupancy of staging nodes as step changes over time; persons with no departure yet stay forever. */
export class StagingLoad {
  private readonly events = new Map<string, { t: number; d: number }[]>();
  private readonly unsorted = new Set<string>();

  add(node: string, t: number, delta: number): void {
    let e = this.events.get(node);
    if (!e) { e = []; this.events.set(node, e); }
    e.push({ t, d: delta });
    this.unsorted.add(node);
  }

  /** Highest occupancy at any time at or after `t`; at equal times arrivals count before departures, as the validator does. */
  maxFrom(node: string, t: number): number {
    const e = this.events.get(node);
    if (!e) return 0;
    if (this.unsorted.delete(node)) e.sort((a, b) => a.t - b.t || b.d - a.d);
    let occ = 0;
    let i = 0;
    for (; i < e.length && e[i].t < t; i++) occ += e[i].d;
    let best = occ;
    for (; i < e.length; i++) { occ += e[i].d; if (occ > best) best = occ; }
    return best;
  }
}
