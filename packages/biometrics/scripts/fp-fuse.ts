// Experiment helper: score fusion of two cached extractions (scripts/fp-cache.ts) per comparison.
// Usage: npx tsx scripts/fp-fuse.ts default.json variant.json 'rule;rule'
//   rule = {"fuse":"mean"|"max"|"alt","limit":N,"w":0.5,"both":false,"stab":S}: a pair whose smaller template (or, with
//   "both", larger) has fewer than limit minutiae is scored (1 − w)·raw(default) + w·raw(variant), the max, or the variant
//   alone; with "stab" instead, pairs where either image's extraction is unstable (share of default minutiae with a
//   variant minutia within 6 px below S) are fused; with "above" only pairs whose default raw score is at least that.
import { readFileSync } from 'node:fs';
import { compareRawScore, errorRates, prepareTemplate } from '../src/fingerprint/index';
type Cached = Record<string, Array<{ finger: string; impression: number; t: any }>>;
const load = (p: string): Cached => JSON.parse(readFileSync(p, 'utf8')) as Cached;
const def = load(process.argv[2]), alt = load(process.argv[3]);
const rules = (process.argv[4] ?? '{"fuse":"mean","limit":1000}').split(';').map((s) => JSON.parse(s) as { fuse: string; limit: number; w?: number; both?: boolean; stab?: number; above?: number });
const revive = (t: any): any => ({ ...t, orientation: t.orientation && { ...t.orientation, angles: Uint8Array.from(t.orientation.angles) }, ridgePeriod: t.ridgePeriod && { ...t.ridgePeriod, values: Uint8Array.from(t.ridgePeriod.values) } });
const stability = (a: any, b: any): number => a.minutiae.length ? a.minutiae.filter((m: any) => b.minutiae.some((o: any) => Math.hypot(o.x - m.x, o.y - m.y) < 6)).length / a.minutiae.length : 0;
const scored = Object.entries(def).map(([name, list]) => {
  const st = list.map((s, i) => stability(s.t, alt[name][i].t));
  const pa = list.map((s) => prepareTemplate(revive(s.t))), pb = alt[name].map((s) => prepareTemplate(revive(s.t)));
  const rows: Array<{ g: boolean; a: number; b: number; n: number; x: number; s: number }> = [];
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
    rows.push({ g: list[i].finger === list[j].finger, a: compareRawScore(pa[i], pa[j]), b: compareRawScore(pb[i], pb[j]), n: Math.min(list[i].t.minutiae.length, list[j].t.minutiae.length), x: Math.max(list[i].t.minutiae.length, list[j].t.minutiae.length), s: Math.min(st[i], st[j]) });
  }
  return rows;
});
for (const rule of rules) {
  const eers: number[] = [], f100: number[] = [], f1000: number[] = [];
  let fusedCount = 0, totalCount = 0;
  for (const rows of scored) {
    const gen: number[] = [], imp: number[] = [];
    for (const r of rows) {
      if (rule.above === undefined || r.a >= rule.above) fusedCount++;
      totalCount++;
      const w = rule.w ?? 0.5;
      const f = (rule.above !== undefined && r.a < rule.above) || (rule.stab !== undefined ? r.s >= rule.stab : (rule.both ? r.x : r.n) >= rule.limit) ? r.a : rule.fuse === 'max' ? Math.max(r.a, r.b) : rule.fuse === 'alt' ? r.b : (1 - w) * r.a + w * r.b;
      (r.g ? gen : imp).push(f);
    }
    const e = errorRates(gen, imp); eers.push(e.eer); f100.push(e.fmr100); f1000.push(e.fmr1000);
  }
  const m = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length * 100).toFixed(2);
  console.log(JSON.stringify(rule), 'EER', eers.map((e) => (e * 100).toFixed(2)).join('/'), 'means', m(eers.slice(0, 4)), m(eers.slice(4)), 'FMR100', m(f100), 'FMR1000', m(f1000), 'second comparisons', (fusedCount / totalCount).toFixed(3));
}
