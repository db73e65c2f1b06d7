import { z } from 'zod';
import { patchOf } from './patch';
import { AllowedActions } from './policy';
import {
  AliasQuality, Clearance, DobKind, FacilityKind, FacilityRiskLevel, NameKind, NameScript, NationalityStatus,
  PersonStatus, RiskClass, Sex,
} from './enums';

const Id = z.string().uuid();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const IsoDateTime = z.string().datetime({ offset: true });
const Country = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 country code').describe('ISO 3166-1 alpha-3');

export const Operation = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  targetPersons: z.number().int().nonnegative().describe('Persons the operation plans to move'),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  demo: z.boolean().describe('True for synthetic demonstration data'),
  allowedActions: AllowedActions,
});
export type Operation = z.infer<typeof Operation>;

export const OperationCreate = z.object({
  code: z.string().regex(/^[A-Z0-9-]{2,40}$/, 'upper-case letters, digits and dashes'),
  name: z.string().min(1).max(200),
  targetPersons: z.number().int().nonnegative(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
}).refine((o) => !o.startDate || !o.endDate || o.startDate <= o.endDate, { path: ['endDate'], message: 'the end date is before the start date' });

export const Facility = z.object({
  id: Id,
  operationId: Id,
  code: z.string(),
  name: z.string(),
  nameAr: z.string().nullable(),
  kind: FacilityKind,
  holdingAuthority: z.string(),
  country: Country,
  latitude: z.number().min(-90).max(90).nullable().optional().describe('Absent when the location is classified above the reader; null when not recorded'),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  locationClassification: Clearance,
  capacityCertified: z.number().int().nonnegative(),
  capacityWorking: z.number().int().nonnegative(),
  capacityMaximum: z.number().int().nonnegative(),
  population: z.number().int().nonnegative().describe('Persons currently held, derived from the registry'),
  riskLevel: FacilityRiskLevel,
  classification: Clearance,
  demo: z.boolean(),
  version: z.number().int(),
  allowedActions: AllowedActions,
  hiddenFields: z.array(z.string()).describe('Fields withheld from this reader by the policy (absent from this answer)'),
});
export type Facility = z.infer<typeof Facility>;

export const FacilityRiskEntry = z.object({
  level: FacilityRiskLevel,
  note: z.string().nullable(),
  recordedAt: IsoDateTime,
  recordedBy: z.string().nullable(),
});

export const FacilityCreate = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  nameAr: z.string().max(200).optional(),
  kind: FacilityKind,
  holdingAuthority: z.string().min(1).max(200),
  country: Country,
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  locationClassification: Clearance.default('UNCLASSIFIED'),
  capacityCertified: z.number().int().nonnegative(),
  capacityWorking: z.number().int().nonnegative(),
  capacityMaximum: z.number().int().nonnegative(),
  riskLevel: FacilityRiskLevel.default('LOW'),
});
export const FacilityUpdate = patchOf({
  ...FacilityCreate.shape,
  riskNote: z.string().max(2000).describe('Why the risk level changed; kept in the risk history'),
});

export const NameParts = z
  .object({
    given: z.string().optional(),
    father: z.string().optional(),
    grandfather: z.string().optional(),
    family: z.string().optional().describe('Family or tribal name'),
    kunya: z.string().optional().describe('Abu X / Umm X'),
    nisba: z.string().optional().describe('Origin adjective, e.g. al-Iraqi'),
  })
  .strict();

export const PersonName = z.object({
  kind: NameKind,
  script: NameScript,
  full: z.string().min(1).max(300),
  parts: NameParts.optional(),
  quality: AliasQuality.optional(),
});
export type PersonName = z.infer<typeof PersonName>;

export const Identifier = z.object({
  scheme: z.string().min(1).max(80).describe('Numbering scheme, e.g. ROSTER:PANORAMA or DSN'),
  value: z.string().min(1).max(120),
});

export const DateOfBirth = z
  .object({
    kind: DobKind,
    date: IsoDate.optional().describe('EXACT'),
    year: z.number().int().min(1900).max(2100).optional().describe('YEAR or APPROXIMATE'),
    fromYear: z.number().int().min(1900).max(2100).optional().describe('RANGE'),
    toYear: z.number().int().min(1900).max(2100).optional().describe('RANGE'),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'EXACT' && !d.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'an exact date of birth needs date' });
    if ((d.kind === 'YEAR' || d.kind === 'APPROXIMATE') && d.year === undefined)
      ctx.addIssue({ code: 'custom', path: ['year'], message: `a ${d.kind.toLowerCase()} date of birth needs year` });
    if (d.kind === 'RANGE') {
      if (d.fromYear === undefined || d.toYear === undefined)
        ctx.addIssue({ code: 'custom', path: ['fromYear'], message: 'a range needs fromYear and toYear' });
      else if (d.fromYear > d.toYear) ctx.addIssue({ code: 'custom', path: ['toYear'], message: 'toYear is before fromYear' });
    }
  });
export type DateOfBirth = z.infer<typeof DateOfBirth>;

export const Nationality = z.object({ country: Country, status: NationalityStatus });
export const IdentityDocument = z.object({
  type: z.string().min(1).max(60).describe('PASSPORT, NATIONAL_ID, ...'),
  number: z.string().min(1).max(60),
  issuingCountry: Country.optional(),
  expires: IsoDate.optional(),
});
export const DistinguishingMark = z.object({
  kind: z.string().min(1).max(60).describe('SCAR, TATTOO, MARK, AMPUTATION, ...'),
  bodyLocation: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
});
export const Relative = z.object({
  name: z.string().min(1).max(300),
  relationship: z.string().min(1).max(60),
  isChild: z.boolean().default(false),
  isNextOfKin: z.boolean().default(false),
  location: z.string().max(200).optional(),
  contact: z.string().max(200).optional(),
});
export const PropertyItem = z.object({
  description: z.string().min(1).max(300),
  quantity: z.number().int().positive().default(1),
  heldBy: z.string().max(200).optional(),
});

// Mandela Rule 7 and CED art. 17(3): who ordered the deprivation of liberty, on what grounds, when and where.
export const IntakeRecord = z.object({
  grounds: z.string().min(1, 'grounds for detention are required (Mandela Rule 7)').max(2000),
  orderingAuthority: z.string().min(1, 'the authority that ordered detention is required (CED 17(3)(b))').max(300),
  responsibleAuthority: z.string().min(1, 'the authority responsible for the detention is required (CED 17(3)(c))').max(300),
  arrestDate: IsoDate.describe('Date of deprivation of liberty (CED 17(3)(d))'),
  arrestPlace: z.string().min(1, 'place of deprivation of liberty is required (CED 17(3)(d))').max(300),
  admittedAt: IsoDateTime.describe('Admission to the current facility'),
  visibleInjuries: z.string().max(2000).optional(),
  complaintsOfIllTreatment: z.string().max(2000).optional(),
});
export type IntakeRecord = z.infer<typeof IntakeRecord>;

export const PersonCreate = z.object({
  names: z.array(PersonName).min(1, 'at least one name is required'),
  identifiers: z.array(Identifier).default([]),
  sex: Sex,
  dateOfBirth: DateOfBirth,
  placeOfBirth: z.string().max(200).optional(),
  nationalities: z.array(Nationality).default([]),
  documents: z.array(IdentityDocument).default([]),
  languages: z.array(z.string().min(2).max(40)).default([]),
  physicalDescription: z.string().max(2000).optional(),
  marks: z.array(DistinguishingMark).default([]),
  riskClass: RiskClass,
  facilityId: Id.describe('Facility where the person is held now'),
  family: z.array(Relative).default([]),
  property: z.array(PropertyItem).default([]),
  intake: IntakeRecord,
  classification: Clearance.default('RESTRICTED'),
});
export type PersonCreate = z.infer<typeof PersonCreate>;

const { facilityId: _moved, ...updatable } = PersonCreate.shape;
export const PersonUpdate = patchOf(updatable);

export const PersonSummary = z.object({
  id: Id,
  systemNumber: z.string(),
  primaryName: z.string(),
  arabicName: z.string().nullable(),
  sex: Sex,
  dateOfBirth: z.string().describe('Human-readable: 1987-03-02, 1987, c. 1987, 1985–1989 or unknown'),
  nationalities: z.array(z.string()),
  riskClass: RiskClass,
  status: PersonStatus,
  facilityId: Id.nullable(),
  facilityName: z.string().nullable(),
  flags: z.array(z.string()).describe('Record-quality flags such as POSSIBLE_MINOR, MISSING_DOB'),
  demo: z.boolean(),
  allowedActions: AllowedActions,
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const Person = PersonSummary.extend({
  names: z.array(PersonName),
  identifiers: z.array(Identifier),
  dateOfBirthDetail: DateOfBirth,
  placeOfBirth: z.string().nullable(),
  nationalityDetail: z.array(Nationality),
  documents: z.array(IdentityDocument),
  languages: z.array(z.string()),
  physicalDescription: z.string().nullable(),
  marks: z.array(DistinguishingMark),
  family: z.array(Relative),
  property: z.array(PropertyItem),
  intake: IntakeRecord,
  classification: Clearance,
  createdAt: IsoDateTime,
  version: z.number().int(),
});
export type Person = z.infer<typeof Person>;

export const PersonSearch = z.object({
  q: z.string().max(200).optional().describe('Any spelling of a name in Arabic or Latin script, or any number'),
  facilityId: Id.optional(),
  nationality: Country.optional(),
  status: PersonStatus.optional(),
  riskClass: RiskClass.optional(),
  flag: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PersonSearch = z.infer<typeof PersonSearch>;

export const PersonPage = z.object({
  items: z.array(PersonSummary),
  total: z.number().int(),
  totalIsLowerBound: z.boolean().describe('True when a name search matched more than the counting cap: "at least total"'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PersonPage = z.infer<typeof PersonPage>;
