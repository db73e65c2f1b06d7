import highsLoader from 'highs';

/** Minimal builder for a minimisation LP in CPLEX LP text, solved by HiGHS (WebAssembly). */
export class LinearProgram {
  private readonly costs: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly rows: string[] = [];
  private readonly integers: number[] = [];

  col(cost = 0, lb = 0, ub = Infinity): number {
    this.costs.push(cost); this.lower.push(lb); this.upper.push(ub);
    return this.costs.length - 1;
  }

  /** marks a column integer (the model becomes a MILP for `solveMip`; `solve` ignores it) */
  integer(col: number): void { this.integers.push(col); }

  get numIntegers(): number { return this.integers.length; }

  get numCols(): number { return this.costs.length; }
  get numRows(): number { return this.rows.length; }

  row(terms: [number, number][], rel: '<=' | '>=' | '=', rhs: number): void {
    const t = terms.filter(([c]) => c !== 0);
    if (t.length === 0) return;
    const parts = t.map(([c, v]) => `${c >= 0 ? '+' : '-'} ${Math.abs(c)} x${v}`);
    const lines: string[] = [];
    for (let i = 0; i < parts.length; i += 10) lines.push(parts.slice(i, i + 10).join(' '));
    this.rows.push(` r${this.rows.length}: ${lines.join('\n  ')} ${rel} ${rhs}`);
  }

  toText(withIntegers = false): string {
    const obj: string[] = [];
    this.costs.forEach((c, i) => { if (c !== 0) obj.push(`${c >= 0 ? '+' : '-'} ${Math.abs(c)} x${i}`); });
    const objLines: string[] = [];
    for (let i = 0; i < obj.length; i += 10) objLines.push(obj.slice(i, i + 10).join(' '));
    const bounds: string[] = [];
    this.costs.forEach((_, i) => {
      const lb = this.lower[i] === -Infinity ? '-inf' : String(this.lower[i]);
      const ub = this.upper[i] === Infinity ? '+inf' : String(this.upper[i]);
      if (lb !== '0' || ub !== '+inf') bounds.push(` ${lb} <= x${i} <= ${ub}`);
    });
    const general: string[] = [];
    if (withIntegers) for (let i = 0; i < this.integers.length; i += 10) general.push(` ${this.integers.slice(i, i + 10).map((c) => `x${c}`).join(' ')}`);
    return `Minimize\n obj: ${objLines.join('\n  ') || '0 x0'}\nSubject To\n${this.rows.join('\n')}\nBounds\n${bounds.join('\n')}\n${general.length > 0 ? `General\n${general.join('\n')}\n` : ''}End\n`;
  }

  async solve(timeLimitSeconds: number): Promise<{ status: string; objective: number; value: (col: number) => number }> {
    const highs = await loadHighs();
    const res = highs.solve(this.toText(), { output_flag: false, time_limit: timeLimitSeconds, presolve: 'on', solver: 'ipm' });
    const cols = res.Columns as Record<string, { Primal?: number }>;
    return { status: res.Status, objective: res.ObjectiveValue, value: (c) => cols[`x${c}`]?.Primal ?? 0 };
  }

  /**
   * Solves the MILP (integer columns as marked) for at most `timeLimitSeconds`; its incumbent, if
   * any (objective Infinity and every value 0 if none). `heuristicEffort`: HiGHS's share of effort
   * for primal heuristics (its default 0.05 found no good plan on the demo's grid MILP in 60 s).
   * `stop`: the search also ends once `afterSeconds` have passed with an incumbent within `gap`
   * (relative) of HiGHS's dual bound, so `timeLimitSeconds` is spent only while it is further away.
   */
  async solveMip(timeLimitSeconds: number, relGap = 1e-3, heuristicEffort = 0.05, stop?: { afterSeconds: number; gap: number }): Promise<{ status: string; objective: number; value: (col: number) => number }> {
    const highs = await loadHighs();
    const options = { output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: relGap, presolve: 'on', mip_heuristic_effort: heuristicEffort } as const;
    if (!stop) {
      const res = highs.solve(this.toText(true), options as never);
      const cols = res.Columns as Record<string, { Primal?: number }>;
      return { status: res.Status, objective: res.ObjectiveValue, value: (c) => cols[`x${c}`]?.Primal ?? 0 };
    }
    return highs.withModel({ format: 'lp', data: this.toText(true) }, (m) => {
      m.options.set(options);
      let stoppedAt: { time: number; gap: number } | undefined;
      const r = m.run({
        [highs.constants.callbackType.mipInterrupt]: (e) => {
          const { running_time: time = 0, mip_gap: gap = Infinity } = e.data;
          if (time >= stop.afterSeconds && gap <= stop.gap) { stoppedAt = { time, gap }; e.interrupt(); }
          return undefined;
        },
      });
      const codes = highs.constants.modelStatus;
      const status = stoppedAt ? `Stopped after ${stoppedAt.time.toFixed(1)} s within ${(100 * stoppedAt.gap).toFixed(2)} % of its bound`
        : r.modelStatus === codes.optimal ? 'Optimal' : r.modelStatus === codes.timeLimit ? 'Time limit reached'
          : Object.entries(codes).find(([, v]) => v === r.modelStatus)?.[0] ?? String(r.modelStatus);
      if (Number(m.info.get('primal_solution_status')) !== highs.constants.solutionStatus.feasible) return { status, objective: Infinity, value: () => 0 };
      // the LP text's columns are x<index>, in the order HiGHS read them
      const x = m.getSolution().colValue;
      const byIndex = new Float64Array(this.costs.length);
      for (let j = 0; j < x.length; j++) byIndex[Number(m.getColName(j).slice(1))] = x[j];
      return { status, objective: m.getObjectiveValue(), value: (c: number) => byIndex[c] ?? 0 };
    });
  }

  /**
   * Solves the MILP (integer columns as marked) with HiGHS branch and bound for at most
   * `timeLimitSeconds` and returns its dual bound: a valid lower bound on the MILP optimum even when
   * the time limit stops the search (-Infinity if not even the root finished).
   */
  async solveMipBound(timeLimitSeconds: number): Promise<{ status: string; dualBound: number; primal: number }> {
    const highs = await loadHighs();
    return highs.withModel({ format: 'lp', data: this.toText(true) }, (m) => {
      m.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 1e-4 });
      const r = m.run();
      const dual = Number(m.info.get('mip_dual_bound'));
      const primal = Number(m.info.get('objective_function_value'));
      return { status: String(r.modelStatus), dualBound: Number.isFinite(dual) ? dual : -Infinity, primal };
    });
  }
}

type HighsApi = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<HighsApi> | undefined;
function loadHighs(): Promise<HighsApi> {
  highsPromise ??= highsLoader();
  return highsPromise;
}
