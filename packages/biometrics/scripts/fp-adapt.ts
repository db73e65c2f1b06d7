// Experiment helper: per-image choice between two cached extractions (scripts/fp-cache.ts) by a rule on the
// first (default) extraction, then EER per set exactly as scripts/fp-exp.ts scores it.
// Usage: npx tsx scripts/fp-adapt.ts default.json variant.json 'rule;rule;...'
//   rule = {"by":"count"|"qcount"|"density","limit":N,"pick":"variant"|"more"|"union","merge":px}: when the default
//   template's measure (minutiae, quality-weighted minutiae, minutiae per 100 foreground cells) is below limit,
//   use the variant, the one with more minutiae, or the union (variant minutiae farther than merge px from every default one).
import { readFileSync } from 'node:fs';
import { compareRawScore, errorRates, prepareTemplate } from '../src/fingerprint/index';
type Cached = Record<string, Array<{ finger: string; impression: number; t: any }>>;
const load = (p: string): Cached => JSON.parse(readFileSync(p, 'utf8')) as Cached;
const def = load(process.argv[2]), alt = load(process.argv[3]);
const rules = (process.argv[4] ?? '{"by":"count","limit":0}').split(';').map((s) => JSON.parse(s) as { by: string; limit: number; pick?: string; merge?: number; factor?: number });
const fg = (t: any): number => { let n = 0; for (const a of t.orientation.angles) if (a !== 255) n++; return n; };
const measure = (t: any, by: string): number => by === 'count' ? t.minutiae.length
  : by === 'qcount' ? t.minutiae.reduce((s: number, m: any) => s + Math.min(1, m.quality / 100), 0)
  : by === 'density' ? (100 * t.minutiae.length) / Math.max(1, fg(t)) : Number.NaN;
function union(a: any, b: any, r: number): any {
  const out = [...a.minutiae];
  for (const m of b.minutiae) {
    const dup = a.minutiae.some((o: any) => Math.hypot(o.x - m.x, o.y - m.y) < r);
    if (!dup) out.push(m);
  }
  return { ...a, minutiae: out.slice(0, 120) };
}
function weigh(a: any, b: any, r: number, f: number): any {
  const minutiae = a.minutiae.flatMap((m: any) => b.minutiae.some((o: any) => Math.hypot(o.x - m.x, o.y - m.y) < r) ? [m] : f < 0 ? [] : [{ ...m, quality: Math.max(1, Math.round(m.quality * f)) }]);
  return { ...a, minutiae };
}
const revive = (t: any): any => ({ ...t, orientation: t.orientation && { ...t.orientation, angles: Uint8Array.from(t.orientation.angles) }, ridgePeriod: t.ridgePeriod && { ...t.ridgePeriod, values: Uint8Array.from(t.ridgePeriod.values) } });
for (const rule of rules) {
  const eers: number[] = [], f100: number[] = [], f1000: number[] = [], switched: number[] = [];
  for (const [name, list] of Object.entries(def)) {
    const altList = alt[name];
    let sw = 0;
    const samples = list.map((s, i) => {
      const a = s.t, b = altList[i].t;
      if (altList[i].finger !== s.finger || altList[i].impression !== s.impression) throw new Error('cache order differs');
      let t = a;
      if (measure(a, rule.by) < rule.limit) {
        sw++;
        const pick = rule.pick ?? 'variant';
        t = pick === 'weigh' ? weigh(a, b, rule.merge ?? 6, rule.factor ?? 0.5) : pick === 'variant' ? b : pick === 'more' ? (b.minutiae.length > a.minutiae.length ? b : a) : union(a, b, rule.merge ?? 6);
      }
      return { finger: s.finger, p: prepareTemplate(revive(t)) };
    });
    switched.push(sw);
    const gen: number[] = [], imp: number[] = [];
    for (let i = 0; i < samples.length; i++) for (let j = i + 1; j < samples.length; j++) {
      const r = compareRawScore(samples[i].p, samples[j].p);
      (samples[i].finger === samples[j].finger ? gen : imp).push(r);
    }
    const e = errorRates(gen, imp); eers.push(e.eer); f100.push(e.fmr100); f1000.push(e.fmr1000);
  }
  const m = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length * 100).toFixed(2);
  console.log(JSON.stringify(rule), 'EER', eers.map((e) => (e * 100).toFixed(2)).join('/'), 'means', m(eers.slice(0, 4)), m(eers.slice(4)), 'FMR100', m(f100), 'FMR1000', m(f1000), 'switched', switched.join('/'));
}
