import type { FacilityKind, FacilityRiskLevel, PersonCreate, PersonName, RiskClass, Clearance } from '@custodian/contracts';
import { ARREST_PLACES, CENTRAL_ASIAN_SURNAMES, FAMILY, GIVEN, NATIONALITY_WEIGHTS, NISBA, type GivenName } from './demo-names';

/**
 * Default seed of the demo operation (`custodian demo` without `--seed`, and the server's first
 * start). The planner's committed demo scenario is built from the same seed.
 */
export const DEMO_DEFAULT_SEED = 1;

// Deterministic PRNG (mulberry32): the same seed gives the same operation on every machine.
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const weighted = <T>(xs: readonly [T, number][]): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1]![0];
  };
  return { next, int, pick, weighted };
}

export type DemoFacility = {
  code: string; name: string; nameAr: string; kind: FacilityKind; holdingAuthority: string; country: string;
  latitude: number; longitude: number; locationClassification: Clearance; capacityCertified: number; capacityWorking: number;
  capacityMaximum: number; riskLevel: FacilityRiskLevel; population: number;
};

const SDF = 'Kurdish-led security forces (north-east Syria)';
const IRAQ = 'Iraqi Ministry of Justice';

// Shaped like the reports: one large prison in Hasakah, a smaller one near al-Shaddadi, several
// more, a staging base near the border, receiving facilities in Iraq, and the al-Hol camp.
export const DEMO_FACILITIES: DemoFacility[] = [
  { code: 'PANORAMA', name: 'Panorama (Ghwayran) prison, Hasakah', nameAr: 'سجن غويران (بانوراما)', kind: 'PRISON', holdingAuthority: SDF, country: 'SYR', latitude: 36.468, longitude: 40.728, locationClassification: 'UNCLASSIFIED', capacityCertified: 3500, capacityWorking: 4000, capacityMaximum: 5000, riskLevel: 'CRITICAL', population: 4500 },
  { code: 'SHADDADI', name: 'al-Shaddadi prison', nameAr: 'سجن الشدادي', kind: 'PRISON', holdingAuthority: SDF, country: 'SYR', latitude: 36.056, longitude: 40.731, locationClassification: 'UNCLASSIFIED', capacityCertified: 800, capacityWorking: 900, capacityMaximum: 1100, riskLevel: 'HIGH', population: 900 },
  { code: 'DERIK', name: 'al-Malikiyah (Derik) prison', nameAr: 'سجن المالكية', kind: 'PRISON', holdingAuthority: SDF, country: 'SYR', latitude: 37.082, longitude: 42.139, locationClassification: 'UNCLASSIFIED', capacityCertified: 500, capacityWorking: 550, capacityMaximum: 650, riskLevel: 'ELEVATED', population: 550 },
  { code: 'QAMISHLI', name: 'Qamishli holding centre', nameAr: 'مركز احتجاز القامشلي', kind: 'PRISON', holdingAuthority: SDF, country: 'SYR', latitude: 37.051, longitude: 41.227, locationClassification: 'UNCLASSIFIED', capacityCertified: 400, capacityWorking: 450, capacityMaximum: 500, riskLevel: 'ELEVATED', population: 450 },
  { code: 'RAQQA', name: 'Raqqa detention facility', nameAr: 'مركز احتجاز الرقة', kind: 'PRISON', holdingAuthority: SDF, country: 'SYR', latitude: 35.952, longitude: 39.009, locationClassification: 'UNCLASSIFIED', capacityCertified: 300, capacityWorking: 350, capacityMaximum: 400, riskLevel: 'HIGH', population: 350 },
  { code: 'KOBANI', name: 'Kobani detention facility', nameAr: 'مركز احتجاز عين العرب', kind: 'PRISON', holdingAuthority: SDF, country: 'SYR', latitude: 36.891, longitude: 38.354, locationClassification: 'UNCLASSIFIED', capacityCertified: 200, capacityWorking: 250, capacityMaximum: 300, riskLevel: 'ELEVATED', population: 250 },
  { code: 'KHARAB-AL-JIR', name: 'Kharab al-Jir staging base', nameAr: 'قاعدة خراب الجير', kind: 'STAGING_BASE', holdingAuthority: 'Coalition task force', country: 'SYR', latitude: 36.985, longitude: 42.051, locationClassification: 'RESTRICTED', capacityCertified: 600, capacityWorking: 800, capacityMaximum: 1000, riskLevel: 'LOW', population: 0 },
  { code: 'BIAP', name: 'Receiving facility near Baghdad International Airport', nameAr: 'مرفق الاستقبال قرب مطار بغداد الدولي', kind: 'RECEIVING_FACILITY', holdingAuthority: IRAQ, country: 'IRQ', latitude: 33.262, longitude: 44.234, locationClassification: 'CONFIDENTIAL', capacityCertified: 5000, capacityWorking: 6000, capacityMaximum: 7000, riskLevel: 'LOW', population: 0 },
  { code: 'MAXSEC-1', name: 'Maximum-security facility (undisclosed)', nameAr: 'مرفق شديد الحراسة', kind: 'RECEIVING_FACILITY', holdingAuthority: IRAQ, country: 'IRQ', latitude: 32.6, longitude: 44.1, locationClassification: 'SECRET', capacityCertified: 1500, capacityWorking: 1800, capacityMaximum: 2000, riskLevel: 'LOW', population: 0 },
  { code: 'AL-HOL', name: 'al-Hol camp', nameAr: 'مخيم الهول', kind: 'CAMP', holdingAuthority: SDF, country: 'SYR', latitude: 36.383, longitude: 41.149, locationClassification: 'UNCLASSIFIED', capacityCertified: 40000, capacityWorking: 45000, capacityMaximum: 60000, riskLevel: 'HIGH', population: 0 },
  { code: 'HASAKAH-HOSP', name: 'Hasakah hospital (secure ward)', nameAr: 'مشفى الحسكة', kind: 'HOSPITAL', holdingAuthority: SDF, country: 'SYR', latitude: 36.507, longitude: 40.745, locationClassification: 'UNCLASSIFIED', capacityCertified: 40, capacityWorking: 40, capacityMaximum: 60, riskLevel: 'ELEVATED', population: 0 },
];

export type DemoPerson = Omit<PersonCreate, 'facilityId'> & { facilityCode: string; plantedDuplicateOf?: number };

const ARAB_COUNTRIES = new Set(['SYR', 'IRQ', 'TUN', 'MAR', 'EGY', 'SAU', 'JOR', 'DZA', 'LBY', 'LBN', 'YEM', 'KWT', 'SDN', 'SOM']);
const CENTRAL_ASIA = new Set(['TJK', 'KAZ', 'UZB', 'KGZ', 'AZE', 'RUS']);

function latinName(r: ReturnType<typeof rng>, g: GivenName) {
  return r.pick(g.latin);
}

function buildNames(r: ReturnType<typeof rng>, nat: string): { names: PersonName[]; variant: () => PersonName[] } {
  const given = r.pick(GIVEN);
  const father = r.pick(GIVEN);
  const grandfather = r.pick(GIVEN);
  const family = r.pick(FAMILY);
  const nisba = NISBA[nat];
  const kunyaOf = r.next() < 0.45 ? r.pick(GIVEN) : null;
  const make = (): PersonName[] => {
    const names: PersonName[] = [];
    if (CENTRAL_ASIA.has(nat)) {
      const surname = r.pick(CENTRAL_ASIAN_SURNAMES);
      const g = latinName(r, given);
      names.push({ kind: 'PRIMARY', script: 'Latn', full: `${g} ${surname}`, parts: { given: g, family: surname } });
    } else {
      const fam = ARAB_COUNTRIES.has(nat) ? family : nisba ?? family;
      const parts = { given: latinName(r, given), father: latinName(r, father), grandfather: latinName(r, grandfather), family: latinName(r, fam) };
      names.push({ kind: 'PRIMARY', script: 'Latn', full: `${parts.given} ${parts.father} ${parts.grandfather} ${parts.family}`, parts });
      names.push({ kind: 'SPELLING', script: 'Arab', full: `${given.ar} ${father.ar} ${grandfather.ar} ${fam.ar}` });
      const alt = `${latinName(r, given)} ${latinName(r, father)} ${latinName(r, fam)}`;
      if (alt !== names[0]!.full) names.push({ kind: 'SPELLING', script: 'Latn', full: alt });
    }
    if (kunyaOf) {
      const k = `Abu ${latinName(r, kunyaOf)}${nisba && r.next() < 0.5 ? ` ${nisba.latin[0]}` : ''}`;
      names.push({ kind: 'KUNYA', script: 'Latn', full: k, parts: { kunya: k } });
      names.push({ kind: 'KUNYA', script: 'Arab', full: `أبو ${kunyaOf.ar}${nisba && k.includes('al-') ? ` ${nisba.ar}` : ''}` });
    }
    return names;
  };
  return { names: make(), variant: make };
}

function dateOfBirth(r: ReturnType<typeof rng>): PersonCreate['dateOfBirth'] {
  const year = r.int(1965, 2004);
  const u = r.next();
  if (u < 0.03) return { kind: 'UNKNOWN' };
  if (u < 0.5) return { kind: 'EXACT', date: `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` };
  if (u < 0.8) return { kind: 'YEAR', year };
  if (u < 0.93) return { kind: 'APPROXIMATE', year };
  return { kind: 'RANGE', fromYear: year - 2, toYear: year + 2 };
}

export type DemoOperation = { facilities: DemoFacility[]; persons: DemoPerson[] };

export function generateDemoOperation(seed: number): DemoOperation {
  const r = rng(seed);
  const persons: DemoPerson[] = [];
  const sources = DEMO_FACILITIES.filter((f) => f.kind === 'PRISON');
  const respell: (() => PersonName[])[] = [];
  for (const f of sources) {
    for (let i = 0; i < f.population; i++) {
      const nat = r.weighted(NATIONALITY_WEIGHTS);
      const { names, variant } = buildNames(r, nat);
      respell.push(variant);
      const hvdShare = f.code === 'PANORAMA' ? 130 / 4500 : 20 / 2550;
      const u = r.next();
      const riskClass: RiskClass = u < hvdShare ? 'HVD' : u < 0.2 ? 'HIGH' : u < 0.65 ? 'MEDIUM' : 'LOW';
      const arrestYear = r.int(2017, 2019);
      persons.push({
        facilityCode: f.code,
        names,
        identifiers: [{ scheme: `ROSTER:${f.code}`, value: `${f.code.slice(0, 3)}-${String(i + 1).padStart(5, '0')}` }],
        sex: 'M',
        dateOfBirth: dateOfBirth(r),
        placeOfBirth: undefined,
        nationalities: [{ country: nat, status: 'CLAIMED' as const }],
        documents: r.next() < 0.15 ? [{ type: 'PASSPORT', number: `D${r.int(1000000, 9999999)}`, issuingCountry: nat }] : [],
        languages: ARAB_COUNTRIES.has(nat) ? ['ar'] : CENTRAL_ASIA.has(nat) ? ['ru'] : ['ar', 'en'],
        marks: r.next() < 0.2 ? [{ kind: r.pick(['SCAR', 'TATTOO', 'MARK']), bodyLocation: r.pick(['left forearm', 'right hand', 'neck', 'chest', 'left cheek']), description: 'recorded at intake (synthetic)' }] : [],
        riskClass,
        family: r.next() < 0.3 ? [{ name: 'Spouse and children, al-Hol camp (synthetic)', relationship: 'SPOUSE', isChild: false, isNextOfKin: true, location: 'al-Hol camp' }] : [],
        property: [{ description: 'Personal effects bag', quantity: 1, heldBy: f.name }],
        intake: {
          grounds: 'Suspected membership of ISIL (Da\'esh), detained at the end of hostilities (DEMO, synthetic)',
          orderingAuthority: 'Internal security command, north-east Syria (DEMO)',
          responsibleAuthority: `${f.name} administration`,
          arrestDate: `${arrestYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
          arrestPlace: r.pick(ARREST_PLACES),
          admittedAt: `${arrestYear + 1}-01-15T08:00:00.000Z`,
        },
        classification: riskClass === 'HVD' ? 'CONFIDENTIAL' : 'RESTRICTED',
      });
    }
  }
  // Real rosters' flaws, planted for later workflows to catch: the same man on two rosters under
  // other spellings, and minors on an adult roster.
  for (let k = 0; k < 40; k++) {
    const idx = r.int(0, persons.length - 1);
    const orig = persons[idx]!;
    const target = persons[r.int(0, persons.length - 1)]!;
    if (target === orig) continue;
    target.names = respell[idx]!();
    target.dateOfBirth = orig.dateOfBirth;
    target.nationalities = orig.nationalities;
    target.plantedDuplicateOf = idx;
  }
  const thisYear = 2026;
  for (let k = 0; k < 6; k++) {
    const p = persons[r.int(0, persons.length - 1)]!;
    p.dateOfBirth = { kind: 'YEAR', year: thisYear - r.int(15, 17) };
  }
  return { facilities: DEMO_FACILITIES, persons };
}
