import { DEMO_DEFAULT_SEED, generateDemoOperation, type DemoFacility } from '../demo-operation/index';
import { DEFAULT_ASSET_TYPES } from './generate-scenario';
import { mulberry32 } from './prng';
import { SCENARIO_VERSION, type Asset, type Facility, type Leg, type Person, type RiskClass, type Scenario } from './scenario-schema';

/** Seed of the demo operation: the server's default (`custodian demo` without `--seed`). */
export const DEMO_SEED = DEMO_DEFAULT_SEED;

const P = 'DEMO';
/** Source risk weights (risk of one person-day waiting there); Panorama's rises on day 5. */
const SOURCE_RISK: Record<string, { weight: number; byDay?: { fromDay: number; value: number }[] }> = {
  PANORAMA: { weight: 3, byDay: [{ fromDay: 5, value: 4 }] },
  SHADDADI: { weight: 5 },
  RAQQA: { weight: 2.5 },
  KOBANI: { weight: 2 },
  DERIK: { weight: 1.5 },
  QAMISHLI: { weight: 1.5 },
};
const WEIGHT_BY_LEVEL: Record<string, number> = { CRITICAL: 4, HIGH: 3, ELEVATED: 2, LOW: 1 };
/** Sources with a usable road to the staging base (the others are too far through contested ground). */
const ROAD_FROM = new Set(['PANORAMA', 'SHADDADI', 'QAMISHLI', 'DERIK']);
/** Receiving facilities: daily intake by code (the facility data carries no intake rate). */
const INTAKE: Record<string, number> = { BIAP: 700, 'MAXSEC-1': 400 };

function km(a: DemoFacility, b: DemoFacility): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
const quarter = (h: number) => Math.max(0.25, Math.ceil(h * 4) / 4);

/**
 * The planner scenario of the demo operation: the same persons (one per roster entry, id
 * `DEMO-<roster number>`, same prison, same risk class) and facilities as the server's demo for
 * this seed (`generateDemoOperation`). What the registry does not hold — clearance days, separation
 * groups, fitness to travel, the fleet and its down days — is drawn from a second PRNG stream of
 * the same seed, so the server's data stay exactly as they were. Minors planted on the adult rosters
 * are ineligible; a man planted on two rosters waits for identity resolution (earliest day 3-6).
 * Same seed, same scenario.
 */
export function generateDemoScenario(seed: number = DEMO_SEED): Scenario {
  const op = generateDemoOperation(seed);
  const rnd = mulberry32((seed ^ 0x5eed_91a7) >>> 0);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const byKind = (k: DemoFacility['kind']) => op.facilities.filter((f) => f.kind === k);
  const prisons = byKind('PRISON');
  const [staging] = byKind('STAGING_BASE');
  const receiving = byKind('RECEIVING_FACILITY');
  const fid = (f: DemoFacility) => `${P}-${f.code}`;

  const facilities: Facility[] = [
    ...prisons.map((f): Facility => {
      const r = SOURCE_RISK[f.code];
      return { id: fid(f), name: `${f.name} (synthetic)`, kind: 'source', riskWeight: r?.weight ?? WEIGHT_BY_LEVEL[f.riskLevel] ?? 1, ...(r?.byDay ? { riskByDay: r.byDay } : {}) };
    }),
    { id: fid(staging), name: `${staging.name} (synthetic)`, kind: 'staging', holdingCapacity: staging.capacityMaximum, maxDwellHours: 72 },
    ...receiving.map((f): Facility => ({ id: fid(f), name: `${f.name} (synthetic)`, kind: 'destination', dailyIntake: INTAKE[f.code] ?? 300 })),
  ];

  // source legs: helicopters at ~200 km/h plus 15 min, buses at ~45 km/h on roads 1.3x the straight line
  const legs: Leg[] = [];
  for (const f of prisons) {
    const d = km(f, staging);
    legs.push({ id: `${P}-LEG-${f.code}-AIR`, from: fid(f), to: fid(staging), mode: 'air', durationHours: quarter(d / 200 + 0.25), assetTypes: ['CH-47', 'UH-60', 'Mi-17'], ...(f.code === 'SHADDADI' ? { departWindow: { fromHour: 18, toHour: 6 } } : {}) });
    if (ROAD_FROM.has(f.code))
      legs.push({ id: `${P}-LEG-${f.code}-ROAD`, from: fid(f), to: fid(staging), mode: 'road', durationHours: quarter((d * 1.3) / 45 + 0.5), assetTypes: ['bus'], departWindow: { fromHour: 6, toHour: 12 }, closedDays: f.code === 'SHADDADI' ? [2, 3] : [int(3, 9)] });
  }
  const [biap, second] = receiving;
  legs.push({ id: `${P}-LEG-STG-${biap.code}-AIR`, from: fid(staging), to: fid(biap), mode: 'air', durationHours: 2, assetTypes: ['C-130'] });
  legs.push({ id: `${P}-LEG-STG-${biap.code}-HELO`, from: fid(staging), to: fid(biap), mode: 'air', durationHours: 3.5, assetTypes: ['CH-47', 'Mi-17'], departWindow: { fromHour: 18, toHour: 2 } });
  legs.push({ id: `${P}-LEG-STG-${second.code}-ROAD`, from: fid(staging), to: fid(second), mode: 'road', durationHours: 5, assetTypes: ['bus'], departWindow: { fromHour: 5, toHour: 11 } });

  const assets: Asset[] = [];
  for (const [type, count] of [['CH-47', 6], ['UH-60', 8], ['Mi-17', 4], ['C-130', 1], ['bus', 24], ['MRAP', 10]] as const) {
    for (let i = 1; i <= count; i++) {
      const a: Asset = { id: `${P}-${type.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}-${String(i).padStart(2, '0')}`, type, homeBase: fid(staging), availableFromDay: 0 };
      if (rnd() < 0.2) a.downDays = [int(1, 12)];
      assets.push(a);
    }
  }

  const adultFrom = 2026 - 18;
  const isMinor = (dob: (typeof op.persons)[number]['dateOfBirth']) => {
    const year = dob.kind === 'EXACT' ? Number(dob.date?.slice(0, 4)) : dob.kind === 'RANGE' ? dob.fromYear : dob.year;
    return year !== undefined && year > adultFrom;
  };
  const persons: Person[] = [];
  const bySource = new Map<string, number[]>();
  for (const dp of op.persons) {
    const roster = dp.identifiers.find((x) => x.scheme.startsWith('ROSTER:'))!.value;
    const risk = (dp.riskClass === 'HVD' ? 'HVD' : dp.riskClass.toLowerCase()) as RiskClass;
    const p: Person = { id: `${P}-${roster}`, source: `${P}-${dp.facilityCode}`, risk, earliestDay: 0, category: 'adult' };
    const u = rnd();
    if (dp.plantedDuplicateOf !== undefined) p.earliestDay = int(3, 6); // identity resolution first
    else if (risk !== 'HVD' && u >= 0.6) p.earliestDay = int(1, 6); // medical and non-refoulement clearance
    if (rnd() < 0.005) p.category = 'cooperating-witness';
    const v = rnd();
    if (isMinor(dp.dateOfBirth)) p.ineligible = { reason: 'minor on an adult roster' };
    else if (v < 0.003) p.ineligible = { reason: 'unfit to travel' };
    else if (v < 0.004) p.ineligible = { reason: 'non-refoulement review pending' };
    bySource.set(p.source, [...(bySource.get(p.source) ?? []), persons.length]);
    persons.push(p);
  }
  // co-accused and rival-faction groups: 2-5 members from one prison
  const sources = [...bySource.keys()];
  const groups = Math.round(persons.length / 50);
  for (let g = 1; g <= groups; g++) {
    const members = bySource.get(sources[Math.floor(rnd() * sources.length)])!;
    const size = int(2, 5);
    for (let m = 0; m < size; m++) {
      const p = persons[members[int(0, members.length - 1)]];
      p.separationGroups = [...new Set([...(p.separationGroups ?? []), `${P}-G-${String(g).padStart(4, '0')}`])];
    }
  }
  return {
    version: SCENARIO_VERSION, id: `${P}-OPERATION-SEED-${seed}`,
    name: `Demo operation (seed ${seed}, ${persons.length} persons; synthetic, same persons as \`custodian demo --seed ${seed}\`)`, synthetic: true,
    horizonDays: 40,
    convoy: { minEscort: 2, maxVehicles: 7 },
    categorySeparation: [['cooperating-witness', 'adult']],
    facilities, legs,
    assetTypes: DEFAULT_ASSET_TYPES.map((t) => ({ ...t })),
    assets, persons,
  };
}
