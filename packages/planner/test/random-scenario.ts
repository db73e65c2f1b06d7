import { DISRUPTION_VERSION, mulberry32, SCENARIO_VERSION, type Disruption, type Facility, type Leg, type Person, type RiskClass, type Scenario } from '../src/index';
import { DEFAULT_ASSET_TYPES } from '../src/scenario/generate-scenario';

/**
 * Small, deliberately tight scenarios from a seed: 100-400 persons, 2-4 sources, one staging node
 * with little holding room and a short dwell limit, 1-2 destinations with small daily intake,
 * night-only and closed legs, few vehicles, separation groups, mixed risk classes, late clearances.
 */
export function randomScenario(seed: number): Scenario {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const P = `R${seed}`;
  const N = int(100, 400);
  const nSources = int(2, 4);
  const stg = `${P}-STG`;
  const facilities: Facility[] = [];
  for (let i = 0; i < nSources; i++) {
    const f: Facility = { id: `${P}-SRC-${i}`, kind: 'source', riskWeight: 1 + int(0, 8) * 0.5 };
    if (rnd() < 0.4) f.riskByDay = [{ fromDay: int(1, 6), value: 1 + int(0, 8) * 0.5 }];
    facilities.push(f);
  }
  facilities.push({ id: stg, kind: 'staging', holdingCapacity: int(30, 120), maxDwellHours: pick([12, 18, 24, 36, 48]) });
  const nDest = int(1, 2);
  for (let i = 0; i < nDest; i++) facilities.push({ id: `${P}-DST-${i}`, kind: 'destination', dailyIntake: int(25, 90), ...(rnd() < 0.3 ? { intakeByDay: [{ fromDay: int(2, 5), value: int(10, 60) }] } : {}) });

  const night = { fromHour: 18, toHour: 6 };
  const legs: Leg[] = [];
  for (let i = 0; i < nSources; i++) {
    const src = `${P}-SRC-${i}`;
    legs.push({ id: `${P}-L-${i}-AIR`, from: src, to: stg, mode: 'air', durationHours: 0.5 + int(0, 6) * 0.25, assetTypes: ['CH-47', 'UH-60', 'Mi-17'], ...(rnd() < 0.4 ? { departWindow: night } : {}), ...(rnd() < 0.3 ? { closedDays: [int(0, 5)] } : {}) });
    if (rnd() < 0.6) legs.push({ id: `${P}-L-${i}-ROAD`, from: src, to: stg, mode: 'road', durationHours: 1 + int(0, 8) * 0.5, assetTypes: ['bus'], departWindow: { fromHour: int(5, 8), toHour: int(11, 16) }, closedDays: [int(0, 4), int(2, 8)] });
  }
  for (let i = 0; i < nDest; i++) {
    const dst = `${P}-DST-${i}`;
    if (i === 0 || rnd() < 0.5) legs.push({ id: `${P}-L-STG-${i}-AIR`, from: stg, to: dst, mode: 'air', durationHours: 1.5 + int(0, 8) * 0.25, assetTypes: pick([['C-130'], ['CH-47', 'Mi-17'], ['C-130', 'CH-47']]), ...(rnd() < 0.5 ? { departWindow: pick([night, { fromHour: 20, toHour: 2 }]) } : {}), ...(rnd() < 0.3 ? { closedDays: [int(1, 6)] } : {}) });
    if (i > 0 || rnd() < 0.5) legs.push({ id: `${P}-L-STG-${i}-ROAD`, from: stg, to: dst, mode: 'road', durationHours: 2 + int(0, 8) * 0.5, assetTypes: ['bus'], departWindow: { fromHour: int(4, 7), toHour: int(10, 14) }, ...(rnd() < 0.5 ? { closedDays: [int(0, 6)] } : {}) });
  }

  const fleet: [string, number][] = [['CH-47', int(0, 2)], ['UH-60', int(0, 3)], ['Mi-17', int(0, 2)], ['C-130', int(0, 1)], ['bus', int(0, 4)], ['MRAP', int(2, 3)]];
  if (fleet[0][1] + fleet[1][1] + fleet[2][1] === 0) fleet[1][1] = 1;
  // every onward leg can be flown or driven by some vehicle (feasible by construction)
  for (const l of legs.filter((x) => x.from === stg)) {
    const have = (t: string) => fleet.some(([type, n]) => type === t && n > 0);
    if (!l.assetTypes.some(have)) fleet.find(([type]) => type === l.assetTypes[0])![1] = 1;
  }
  const assets: Scenario['assets'] = [];
  for (const [type, count] of fleet)
    for (let k = 1; k <= count; k++) {
      const a: Scenario['assets'][number] = { id: `${P}-${type}-${k}`, type, homeBase: stg, availableFromDay: rnd() < 0.15 ? int(1, 3) : 0 };
      if (rnd() < 0.3) a.downDays = [int(0, 8)];
      assets.push(a);
    }

  const persons: Person[] = [];
  for (let k = 0; k < N; k++) {
    const risk: RiskClass = pick(['HVD', 'high', 'high', 'medium', 'medium', 'low', 'low', 'low'] as const);
    const p: Person = { id: `${P}-P-${String(k).padStart(4, '0')}`, source: `${P}-SRC-${int(0, nSources - 1)}`, risk, earliestDay: rnd() < 0.6 ? 0 : int(1, 5), category: rnd() < 0.03 ? 'cooperating-witness' : 'adult' };
    if (rnd() < 0.01) p.ineligible = { reason: 'unfit to travel' };
    persons.push(p);
  }
  for (let g = 0; g < Math.round(N / 15); g++) {
    const src = `${P}-SRC-${int(0, nSources - 1)}`;
    const members = persons.filter((p) => p.source === src);
    for (let m = 0, size = int(2, 6); m < size && members.length > 0; m++) {
      const p = pick(members);
      p.separationGroups = [...new Set([...(p.separationGroups ?? []), `${P}-G-${g}`])];
    }
  }
  return {
    version: SCENARIO_VERSION, id: `${P}-RANDOM`, synthetic: true, horizonDays: 30,
    convoy: { minEscort: int(1, 2), maxVehicles: int(2, 5) },
    categorySeparation: [['cooperating-witness', 'adult']],
    facilities, legs,
    assetTypes: DEFAULT_ASSET_TYPES.map((t) => ({ ...t })),
    assets, persons,
  };
}

/** A disruption at day 1 or 2: a third of the helicopters lost for good and one leg closed for two days. */
export function randomDisruption(seed: number, s: Scenario): Disruption {
  const rnd = mulberry32(seed ^ 0x5eed);
  const atDay = 1 + Math.floor(rnd() * 2);
  const helos = s.assets.filter((a) => ['CH-47', 'UH-60', 'Mi-17'].includes(a.type));
  const lost = helos.filter(() => rnd() < 0.34).map((a) => a.id);
  const leg = s.legs[Math.floor(rnd() * s.legs.length)];
  return {
    version: DISRUPTION_VERSION, atDay,
    events: [
      ...(lost.length > 0 ? [{ kind: 'asset-lost' as const, assetIds: lost }] : []),
      { kind: 'leg-closed' as const, legId: leg.id, fromDay: atDay, toDay: atDay + 1 },
    ],
  };
}
