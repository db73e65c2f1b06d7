// Verification error rates from genuine and impostor score lists (higher score = more similar).

export interface ErrorRates {
  eer: number;
  /** Lowest FNMR with FMR ≤ 1 %. */
  fmr100: number;
  /** Lowest FNMR with FMR ≤ 0.1 %. */
  fmr1000: number;
  /** FNMR when no impostor is accepted. */
  zeroFmr: number;
}

/** Accept when score ≥ threshold. EER is taken where FMR and FNMR cross (mean of the two at the closest threshold). */
export function errorRates(genuine: number[], impostor: number[]): ErrorRates {
  if (!genuine.length || !impostor.length) throw new RangeError('error rates need at least one genuine and one impostor score');
  const g = Float64Array.from(genuine).sort();
  const im = Float64Array.from(impostor).sort();
  const thresholds = Float64Array.from(new Set([...g, ...im, Infinity])).sort();
  let gi = 0, ii = 0;
  let eer = 1, bestGap = Infinity, fmr100 = 1, fmr1000 = 1;
  for (const t of thresholds) {
    while (gi < g.length && g[gi] < t) gi++;
    while (ii < im.length && im[ii] < t) ii++;
    const fnmr = gi / g.length;
    const fmr = (im.length - ii) / im.length;
    const gap = Math.abs(fmr - fnmr);
    if (gap < bestGap) { bestGap = gap; eer = (fmr + fnmr) / 2; }
    if (fmr <= 0.01) fmr100 = Math.min(fmr100, fnmr);
    if (fmr <= 0.001) fmr1000 = Math.min(fmr1000, fnmr);
  }
  const maxImpostor = im[im.length - 1];
  const zeroFmr = g.filter((s) => s <= maxImpostor).length / g.length;
  return { eer, fmr100, fmr1000, zeroFmr };
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
