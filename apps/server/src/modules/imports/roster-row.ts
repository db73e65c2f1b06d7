import { parseCountry } from '../reference/countries';
import { PersonCreate, type DateOfBirth, type PersonName, type RosterField } from '@custodian/contracts';


const SYNONYMS: Record<RosterField, string[]> = {
  rosterNumber: ['rosternumber', 'rosterno', 'number', 'no', 'serial', 'detaineenumber', 'dsn', 'isn', 'id', 'prisonerno', 'رقم'],
  fullNameLatin: ['name', 'fullname', 'namelatin', 'fullnamelatin', 'nameenglish', 'latinname'],
  fullNameArabic: ['namearabic', 'arabicname', 'fullnamearabic', 'namear', 'الاسم', 'الاسمالكامل'],
  givenName: ['givenname', 'firstname', 'ism', 'given'],
  fatherName: ['fathername', 'father', 'fathersname'],
  grandfatherName: ['grandfathername', 'grandfather'],
  familyName: ['familyname', 'lastname', 'surname', 'tribe', 'tribalname'],
  kunya: ['kunya', 'nomdeguerre', 'kunyah'],
  nisba: ['nisba', 'nisbah'],
  aliases: ['aliases', 'alias', 'aka', 'alsoknownas', 'otherspellings', 'spellings'],
  sex: ['sex', 'gender'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'born', 'yearofbirth'],
  placeOfBirth: ['placeofbirth', 'pob', 'birthplace'],
  nationality: ['nationality', 'nationalities', 'citizenship', 'country'],
  riskClass: ['riskclass', 'risk', 'category', 'riskcategory', 'threat'],
  documentNumber: ['documentnumber', 'passport', 'passportnumber', 'idnumber', 'nationalid'],
  arrestDate: ['arrestdate', 'dateofarrest', 'detaineddate', 'capturedate', 'dateofcapture'],
  arrestPlace: ['arrestplace', 'placeofarrest', 'captureplace', 'placeofcapture'],
  orderingAuthority: ['orderingauthority', 'orderedby', 'detainingauthority', 'authority'],
  grounds: ['grounds', 'reason', 'groundsfordetention', 'charge', 'charges'],
  admittedAt: ['admittedat', 'admissiondate', 'admitted', 'dateofadmission'],
};

const squash = (h: string) => h.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export function guessMapping(headers: string[]): Record<string, RosterField> {
  const mapping: Record<string, RosterField> = {};
  const used = new Set<RosterField>();
  for (const h of headers) {
    const key = squash(h);
    const field = (Object.entries(SYNONYMS) as [RosterField, string[]][]).find(([f, syn]) => !used.has(f) && (syn.includes(key) || squash(f) === key))?.[0];
    if (field) {
      mapping[h] = field;
      used.add(field);
    }
  }
  return mapping;
}

export type RowError = { row: number; column: string; reason: string };
export type RowContext = { sourceList: string; facilityId: string; responsibleAuthority: string; importedAt: string };

export function parseDob(raw: string): DateOfBirth | string {
  const s = raw.trim();
  if (!s) return { kind: 'UNKNOWN' };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? null;
  const valid = (y: number, mo: number, d: number) => {
    const dt = new Date(Date.UTC(y, mo - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d && y >= 1900 && dt <= new Date();
  };
  if (m) return valid(+m[1]!, +m[2]!, +m[3]!) ? { kind: 'EXACT', date: s } : `${s} is not a real date of birth`;
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) {
    // Day first, as rosters in the region write dates.
    const [d, mo, y] = [+m[1]!, +m[2]!, +m[3]!];
    return valid(y, mo, d) ? { kind: 'EXACT', date: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` } : `${s} is not a real date (day/month/year)`;
  }
  const yearOk = (y: number) => y >= 1900 && y <= new Date().getUTCFullYear();
  m = /^(\d{4})$/.exec(s);
  if (m) return yearOk(+m[1]!) ? { kind: 'YEAR', year: +m[1]! } : `${s} is not a plausible birth year`;
  m = /^(?:c\.?|ca\.?|circa|approx\.?|about|~)\s*(\d{4})$/i.exec(s);
  if (m) return yearOk(+m[1]!) ? { kind: 'APPROXIMATE', year: +m[1]! } : `${s} is not a plausible birth year`;
  m = /^(\d{4})\s*(?:-|–|to)\s*(\d{4})$/.exec(s);
  if (m) {
    const [a, b] = [+m[1]!, +m[2]!];
    if (!yearOk(a) || !yearOk(b) || a > b) return `${s} is not a valid range of birth years`;
    return { kind: 'RANGE', fromYear: a, toYear: b };
  }
  return `"${s}" is not a date of birth; write YYYY-MM-DD, DD/MM/YYYY, YYYY, c. YYYY or YYYY-YYYY`;
}

export { parseCountry };

const SEX: Record<string, 'M' | 'F' | 'X'> = { m: 'M', male: 'M', man: 'M', 'ذكر': 'M', f: 'F', female: 'F', woman: 'F', 'أنثى': 'F', 'انثى': 'F', x: 'X', '': 'X', unknown: 'X' };
const RISK: Record<string, string> = { hvd: 'HVD', 'high-value': 'HVD', high: 'HIGH', medium: 'MEDIUM', med: 'MEDIUM', low: 'LOW' };

// One roster row to a registry record, or the reasons it cannot be one, each with its column.
export function rowToPerson(rowNumber: number, row: Record<string, string>, mapping: Record<string, RosterField>, ctx: RowContext): { person: PersonCreate } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const colOf = new Map(Object.entries(mapping).map(([h, f]) => [f, h]));
  const get = (f: RosterField) => {
    const h = colOf.get(f);
    return h === undefined ? '' : (row[h] ?? '').trim();
  };
  const fail = (f: RosterField, reason: string) => errors.push({ row: rowNumber, column: colOf.get(f) ?? f, reason });
  const required = (f: RosterField, what: string) => {
    const v = get(f);
    if (!v) fail(f, `${what} is missing`);
    return v;
  };

  const rosterNumber = required('rosterNumber', 'the roster number');
  const names: PersonName[] = [];
  const parts = Object.fromEntries((['givenName', 'fatherName', 'grandfatherName', 'familyName', 'kunya', 'nisba'] as const)
    .map((f) => [({ givenName: 'given', fatherName: 'father', grandfatherName: 'grandfather', familyName: 'family', kunya: 'kunya', nisba: 'nisba' })[f], get(f)])
    .filter(([, v]) => v));
  const latin = get('fullNameLatin') || [get('givenName'), get('fatherName'), get('grandfatherName'), get('familyName')].filter(Boolean).join(' ');
  if (latin) names.push({ kind: 'PRIMARY', script: /[\u0600-\u06FF]/.test(latin) ? 'Arab' : 'Latn', full: latin, parts: Object.keys(parts).length ? parts : undefined });
  const arabic = get('fullNameArabic');
  if (arabic) names.push({ kind: names.length ? 'SPELLING' : 'PRIMARY', script: 'Arab', full: arabic });
  for (const alias of get('aliases').split(/[;|]/).map((a) => a.trim()).filter(Boolean)) {
    names.push({ kind: 'ALIAS', script: /[\u0600-\u06FF]/.test(alias) ? 'Arab' : 'Latn', full: alias, quality: 'LOW' });
  }
  if (get('kunya')) names.push({ kind: 'KUNYA', script: /[\u0600-\u06FF]/.test(get('kunya')) ? 'Arab' : 'Latn', full: get('kunya') });
  if (!names.length) fail('fullNameLatin', 'the person has no name: map a full-name column or the name parts');

  const sex = SEX[get('sex').toLowerCase()];
  if (!sex) fail('sex', `"${get('sex')}" is not a sex; use M, F or X`);
  const dob = parseDob(get('dateOfBirth'));
  if (typeof dob === 'string') fail('dateOfBirth', dob);
  const nationalities: { country: string; status: 'CLAIMED' }[] = [];
  for (const n of get('nationality').split(/[;/|]/).map((x) => x.trim()).filter(Boolean)) {
    const c = parseCountry(n);
    if (!c) fail('nationality', `"${n}" is not a country name or ISO code`);
    else nationalities.push({ country: c, status: 'CLAIMED' });
  }
  const riskRaw = get('riskClass').toLowerCase();
  const riskClass = riskRaw ? RISK[riskRaw] : 'MEDIUM';
  if (!riskClass) fail('riskClass', `"${get('riskClass')}" is not a risk class; use HVD, HIGH, MEDIUM or LOW`);
  const arrestDate = parseDob(get('arrestDate'));
  if (!get('arrestDate')) fail('arrestDate', 'the date of arrest is missing (CED art. 17(3)(d))');
  else if (typeof arrestDate === 'string' || arrestDate.kind !== 'EXACT') fail('arrestDate', `"${get('arrestDate')}" is not a date; write YYYY-MM-DD`);
  const arrestPlace = required('arrestPlace', 'the place of arrest (CED art. 17(3)(d))');
  const orderingAuthority = required('orderingAuthority', 'the authority that ordered detention (CED art. 17(3)(b))');
  const grounds = required('grounds', 'the grounds for detention (Mandela Rule 7)');
  let admittedAt = ctx.importedAt;
  if (get('admittedAt')) {
    const a = parseDob(get('admittedAt'));
    if (typeof a === 'string' || a.kind !== 'EXACT') fail('admittedAt', `"${get('admittedAt')}" is not a date; write YYYY-MM-DD`);
    else admittedAt = `${a.date}T00:00:00.000Z`;
  }
  if (errors.length) return { errors };

  const candidate = {
    names,
    identifiers: [{ scheme: `ROSTER:${ctx.sourceList}`, value: rosterNumber }],
    sex, dateOfBirth: dob, placeOfBirth: get('placeOfBirth') || undefined, nationalities,
    documents: get('documentNumber') ? [{ type: 'DOCUMENT', number: get('documentNumber') }] : [],
    riskClass, facilityId: ctx.facilityId,
    intake: {
      grounds, orderingAuthority, responsibleAuthority: ctx.responsibleAuthority,
      arrestDate: (arrestDate as { date: string }).date, arrestPlace, admittedAt,
    },
  };
  const parsed = PersonCreate.safeParse(candidate);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((i) => ({ row: rowNumber, column: i.path.join('.'), reason: i.message })) };
  }
  return { person: parsed.data };
}
