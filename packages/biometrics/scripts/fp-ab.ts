// Experiment helper: A/B matcher speed in one process from cached templates, alternating variants; medians per CPU-second.
import { readFileSync } from 'node:fs';
import { compareTemplates, prepareTemplate, type PreparedTemplate } from '../src/fingerprint/index';
import { PAIRING } from '../src/fingerprint/match/compare';
import { CONSOLIDATION } from '../src/fingerprint/match/consolidation';
const cache = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/fp-templates.json', 'utf8')) as Record<string, Array<{ t: any }>>;
const variants = (process.argv[3] ?? '{}').split(';').map((s) => JSON.parse(s) as Record<string, unknown>);
const rounds = Number(process.argv[4] ?? 5);
const sets = ['fvc2002/DB1_B', 'fvc2004/DB1_B'].map((k) => cache[k].map((s) => prepareTemplate({ ...s.t, orientation: s.t.orientation && { ...s.t.orientation, angles: Uint8Array.from(s.t.orientation.angles) }, ridgePeriod: s.t.ridgePeriod && { ...s.t.ridgePeriod, values: Uint8Array.from(s.t.ridgePeriod.values) } }) as PreparedTemplate));
const base = { ...PAIRING }, baseCons = { ...CONSOLIDATION };
const rates: number[][][] = variants.map(() => sets.map(() => []));
for (let r = 0; r < rounds + 1; r++) {
  variants.forEach((v, vi) => {
    const { cons, ...pairing } = v as { cons?: Record<string, number> };
    Object.assign(PAIRING, base, pairing);
    Object.assign(CONSOLIDATION, baseCons, cons ?? {}); // "cons" = CONSOLIDATION overrides
    sets.forEach((ps, si) => {
      const c0 = process.cpuUsage(); let k = 0;
      for (let a = 0; a < ps.length; a++) for (let b = a + 1; b < ps.length; b++) { compareTemplates(ps[a], ps[b]); k++; }
      const c = process.cpuUsage(c0);
      if (r > 0) rates[vi][si].push(k / ((c.user + c.system) / 1e6)); // round 0 is warm-up
    });
  });
}
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
variants.forEach((v, vi) => console.log(JSON.stringify(v).padEnd(50), rates[vi].map((r) => Math.round(med(r))).join(' / '), 'per CPU-second (FVC2002 DB1_B / FVC2004 DB1_B), median of', rounds));
