import { mulberry32 } from './prng';
import { SCENARIO_VERSION, type Asset, type Facility, type Leg, type Person, type RiskClass, type Scenario } from './scenario-schema';

// The planning defaults' fleet types (seats come from the assets); the demo and the scaled scenarios share them.
export const DEFAULT_ASSET_TYPES: Scenario['assetTypes'] = [
  { id: 'CH-47', mode: 'air', role: 'transport', turnaroundHours: 1, dutyHoursPerDay: 12 },
  { id: 'UH-60', mode: 'air', role: 'transport', turnaroundHours: 0.75, dutyHoursPerDay: 12 },
  { id: 'Mi-17', mode: 'air', role: 'transport', turnaroundHours: 1, dutyHoursPerDay: 12 },
  { id: 'C-130', mode: 'air', role: 'transport', turnaroundHours: 1.5, dutyHoursPerDay: 16 },
  { id: 'bus', mode: 'road', role: 'transport', turnaroundHours: 1, dutyHoursPerDay: 14 },
  { id: 'MRAP', mode: 'road', role: 'escort', seats: 0, turnaroundHours: 1, dutyHoursPerDay: 14 },
];

export interface GenerateOptions {
  seed: number;
  /** total persons, including the few flagged ineligible (default 7000) */
  persons?: number;
  /** high-value detainees (default 150, scaled with persons) */
  hvds?: number;
  horizonDays?: number;
  /** id prefix; everything generated is synthetic (default "DEMO") */
  prefix?: string;
}

/**
 * Deterministic synthetic operation modelled on the reported one: a large Hasakah prison
 * (Panorama/Ghwayran), a smaller prison near al-Shaddadi and other sources, staging at Kharab al-Jir,
 * a receiving facility near Baghdad International Airport and a second one. Larger person counts
 * add sources, staging capacity, intake and vehicles in proportion. Same options, same scenario.
 */
export function generateScenario(opts: GenerateOptions): Scenario {
  const rnd = mulberry32(opts.seed);
  const N = opts.persons ?? 7000;
  const P = opts.prefix ?? 'DEMO';
  const scale = Math.max(1, N / 7000);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

  const stg = `${P}-STG-KHARAB-AL-JIR`;
  const biap = `${P}-DST-BIAP`;
  const dst2 = `${P}-DST-02`;
  const sources: (Facility & { share: number; airHours: number; roadHours?: number })[] = [
    { id: `${P}-SRC-PANORAMA`, name: 'Panorama (Ghwayran) prison, Hasakah (synthetic)', kind: 'source', riskWeight: 3, riskByDay: [{ fromDay: 5, value: 4 }], share: 0.64, airHours: 1, roadHours: 3 },
    { id: `${P}-SRC-SHADDADI`, name: 'prison near al-Shaddadi (synthetic)', kind: 'source', riskWeight: 5, share: 0.13, airHours: 0.75, roadHours: 4 },
  ];
  const others = 4 + Math.round(2 * (scale - 1));
  for (let i = 0; i < others; i++)
    sources.push({ id: `${P}-SRC-${String(i + 3).padStart(2, '0')}`, name: `synthetic source ${i + 3}`, kind: 'source', riskWeight: 1 + int(0, 4) * 0.5, share: 0.23 / others, airHours: 0.5 + int(0, 4) * 0.25, roadHours: i % 2 === 0 ? 2 + int(0, 4) * 0.5 : undefined });
  const facilities: Facility[] = [
    ...sources.map(({ share: _s, airHours: _a, roadHours: _r, ...f }) => f),
    { id: stg, name: 'staging base near Kharab al-Jir (synthetic)', kind: 'staging', holdingCapacity: Math.round(1500 * scale), maxDwellHours: 72 },
    { id: biap, name: 'receiving facility near Baghdad International Airport (synthetic)', kind: 'destination', dailyIntake: Math.round(700 * scale) },
    { id: dst2, name: 'second receiving facility, undisclosed (synthetic)', kind: 'destination', dailyIntake: Math.round(400 * scale) },
  ];

  const legs: Leg[] = [];
  for (const [i, s] of sources.entries()) {
    legs.push({ id: `${P}-LEG-${s.id.slice(P.length + 5)}-AIR`, from: s.id, to: stg, mode: 'air', durationHours: s.airHours, assetTypes: ['CH-47', 'UH-60', 'Mi-17'], ...(i === 1 ? { departWindow: { fromHour: 18, toHour: 6 } } : {}) });
    if (s.roadHours) legs.push({ id: `${P}-LEG-${s.id.slice(P.length + 5)}-ROAD`, from: s.id, to: stg, mode: 'road', durationHours: s.roadHours, assetTypes: ['bus'], departWindow: { fromHour: 6, toHour: 12 }, closedDays: i === 1 ? [2, 3] : [int(3, 9)] });
  }
  legs.push({ id: `${P}-LEG-STG-BIAP-AIR`, from: stg, to: biap, mode: 'air', durationHours: 2, assetTypes: ['C-130'] });
  legs.push({ id: `${P}-LEG-STG-BIAP-HELO`, from: stg, to: biap, mode: 'air', durationHours: 3.5, assetTypes: ['CH-47', 'Mi-17'], departWindow: { fromHour: 18, toHour: 2 } });
  legs.push({ id: `${P}-LEG-STG-DST2-ROAD`, from: stg, to: dst2, mode: 'road', durationHours: 5, assetTypes: ['bus'], departWindow: { fromHour: 5, toHour: 11 } });

  const assets: Asset[] = [];
  const fleet: [string, number, string][] = [['CH-47', 6, stg], ['UH-60', 8, stg], ['Mi-17', 4, stg], ['C-130', 1, stg], ['bus', 24, stg], ['MRAP', 10, stg]];
  for (const [type, count, base] of fleet) {
    const n = Math.round(count * scale);
    for (let i = 1; i <= n; i++) {
      const a: Asset = { id: `${P}-${type.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${String(i).padStart(2, '0')}`, type, homeBase: base, availableFromDay: 0 };
      if (rnd() < 0.2) a.downDays = [int(1, 12)];
      assets.push(a);
    }
  }

  const hvds = opts.hvds ?? Math.round(150 * scale);
  const persons: Person[] = [];
  let n = 0;
  const counts = sources.map((s) => Math.floor(s.share * N));
  counts[0] += N - counts.reduce((a, b) => a + b, 0);
  const hvdBySource = sources.map((_, i) => (i === 0 ? Math.round(hvds * 0.65) : i === 1 ? Math.round(hvds * 0.2) : 0));
  for (let left = hvds - hvdBySource.reduce((a, b) => a + b, 0), i = 2; left > 0; left--, i = i + 1 < sources.length ? i + 1 : 2) hvdBySource[i]++;
  for (const [si, s] of sources.entries()) {
    for (let k = 0; k < counts[si]; k++) {
      const risk: RiskClass = k < hvdBySource[si] ? 'HVD' : pick(['high', 'high', 'medium', 'medium', 'medium', 'low', 'low', 'low', 'low', 'low'] as const);
      const p: Person = { id: `${P}-P-${String(++n).padStart(6, '0')}`, source: s.id, risk, earliestDay: risk === 'HVD' || rnd() < 0.6 ? 0 : int(1, 6), category: rnd() < 0.005 ? 'cooperating-witness' : 'adult' };
      const u = rnd();
      if (u < 0.002) p.ineligible = { reason: 'minor on an adult roster' };
      else if (u < 0.005) p.ineligible = { reason: 'unfit to travel' };
      else if (u < 0.006) p.ineligible = { reason: 'non-refoulement review pending' };
      persons.push(p);
    }
  }
  // co-accused and rival-faction groups: 2-5 members drawn from one source
  const groups = Math.round(N / 50);
  for (let g = 1; g <= groups; g++) {
    const si = pick(sources.map((_, i) => i));
    const first = sources.slice(0, si).reduce((a, _, i) => a + counts[i], 0);
    const size = int(2, 5);
    for (let m = 0; m < size; m++) {
      const p = persons[first + int(0, counts[si] - 1)];
      p.separationGroups = [...new Set([...(p.separationGroups ?? []), `${P}-G-${String(g).padStart(4, '0')}`])];
    }
  }
  return {
    version: SCENARIO_VERSION, id: `${P}-OPERATION-${opts.seed}-${N}`, name: `Synthetic transfer operation (seed ${opts.seed}, ${N} persons)`, synthetic: true,
    horizonDays: opts.horizonDays ?? 40,
    convoy: { minEscort: 2, maxVehicles: 7 },
    categorySeparation: [['cooperating-witness', 'adult']],
    facilities, legs,
    assetTypes: DEFAULT_ASSET_TYPES.map((t) => ({ ...t })),
    assets, persons,
  };
}
