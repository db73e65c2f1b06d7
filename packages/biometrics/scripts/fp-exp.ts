// Experiment helper: EER per set from cached templates (scripts/fp-cache.ts), raw scores (calibration is monotone).
import { readFileSync } from 'node:fs';
import { compareRawScore, errorRates, prepareTemplate, type PreparedTemplate } from '../src/fingerprint/index';
import { PAIRING } from '../src/fingerprint/match/compare';
import { RELAXATION } from '../src/fingerprint/match/lss';
import { CYLINDER } from '../src/fingerprint/match/cylinders';
import { CONSOLIDATION } from '../src/fingerprint/match/consolidation';
import { prepareTemplate as prepareFresh } from '../src/fingerprint/match/prepare';
const cache = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/fp-templates.json', 'utf8')) as Record<string, Array<{ finger: string; impression: number; t: any }>>;
const variants = (process.argv[3] ?? '{}').split(';').map((s) => JSON.parse(s) as Record<string, unknown>);
const templates = Object.entries(cache).map(([name, list]) => ({
  name, samples: list.map((s) => ({ finger: s.finger, t: { ...s.t, orientation: s.t.orientation && { ...s.t.orientation, angles: Uint8Array.from(s.t.orientation.angles) }, ridgePeriod: s.t.ridgePeriod && { ...s.t.ridgePeriod, values: Uint8Array.from(s.t.ridgePeriod.values) } } })),
}));
const prepareAll = (fresh: boolean) => templates.map(({ name, samples }) => ({ name, samples: samples.map((s) => ({ finger: s.finger, p: (fresh ? prepareFresh(s.t) : prepareTemplate(s.t)) as PreparedTemplate })) }));
let sets = prepareAll(false);
const baseCylinder = { ...CYLINDER };
const base = { ...PAIRING }, baseRelax = { ...RELAXATION }, baseCons = { ...CONSOLIDATION };
for (const v of variants) {
  const { relax, cyl, cons, ...pairing } = v as { relax?: Record<string, number>; cyl?: Record<string, number>; cons?: Record<string, number> };
  Object.assign(CONSOLIDATION, baseCons, cons ?? {});
  // "cyl" = CYLINDER overrides: cylinders are built by prepareTemplate, so the templates are prepared again.
  if (cyl || JSON.stringify(CYLINDER) !== JSON.stringify(baseCylinder)) {
    Object.assign(CYLINDER, baseCylinder, cyl ?? {});
    sets = prepareAll(true);
  }
  Object.assign(PAIRING, base, pairing);
  Object.assign(RELAXATION, baseRelax, relax ?? {});
  const eers: number[] = [], f100: number[] = [], f1000: number[] = [];
  let cpu = 0, count = 0;
  for (const s of sets) {
    const gen: number[] = [], imp: number[] = [];
    const c0 = process.cpuUsage();
    for (let i = 0; i < s.samples.length; i++) for (let j = i + 1; j < s.samples.length; j++) {
      const a = s.samples[i], b = s.samples[j];
      const r = compareRawScore(a.p, b.p);
      (a.finger === b.finger ? gen : imp).push(r);
    }
    const c = process.cpuUsage(c0); cpu += c.user + c.system; count += gen.length + imp.length;
    const e = errorRates(gen, imp); eers.push(e.eer); f100.push(e.fmr100); f1000.push(e.fmr1000);
  }
  const m = (a: number[]) => (a.reduce((x, y) => x + y, 0) / a.length * 100).toFixed(2);
  console.log(JSON.stringify(v), 'EER', eers.map((e) => (e * 100).toFixed(2)).join('/'), 'means', m(eers.slice(0, 4)), m(eers.slice(4)), 'FMR100', m(f100), 'FMR1000', m(f1000), 'rate/cpu-s', Math.round(count / (cpu / 1e6)));
}
