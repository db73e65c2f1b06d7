import { z } from 'zod';

// Classification ladder: a user sees a record only when their clearance is at or above it.
export const CLEARANCE_LEVELS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'] as const;
export const Clearance = z.enum(CLEARANCE_LEVELS).describe('Clearance of a user or classification of a record');
export type Clearance = z.infer<typeof Clearance>;
export const clearanceRank = (c: Clearance): number => CLEARANCE_LEVELS.indexOf(c);

export const RiskClass = z.enum(['HVD', 'HIGH', 'MEDIUM', 'LOW']).describe('Transfer risk class; HVD = high-value detainee');
export type RiskClass = z.infer<typeof RiskClass>;

export const PersonStatus = z
  .enum(['HELD', 'IN_TRANSIT', 'TRANSFERRED', 'RELEASED', 'REPATRIATED', 'ESCAPED', 'DECEASED'])
  .describe('Custody status of a person');
export type PersonStatus = z.infer<typeof PersonStatus>;

export const Sex = z.enum(['M', 'F', 'X']).describe('M, F, or X when not recorded');

export const FacilityKind = z
  .enum(['PRISON', 'STAGING_BASE', 'RECEIVING_FACILITY', 'CAMP', 'HOSPITAL'])
  .describe('What the facility is used for in the operation');
export type FacilityKind = z.infer<typeof FacilityKind>;

export const FacilityRiskLevel = z
  .enum(['LOW', 'ELEVATED', 'HIGH', 'CRITICAL'])
  .describe('Assessed risk that the facility loses control of its population');
export type FacilityRiskLevel = z.infer<typeof FacilityRiskLevel>;

export const DobKind = z
  .enum(['EXACT', 'YEAR', 'APPROXIMATE', 'RANGE', 'UNKNOWN'])
  .describe('How much of the date of birth is known');

export const NameScript = z.enum(['Arab', 'Latn']).describe('ISO 15924 script of a name form');
export const NameKind = z
  .enum(['PRIMARY', 'SPELLING', 'ALIAS', 'KUNYA'])
  .describe('PRIMARY: the recorded name; SPELLING: another transliteration; ALIAS: another name; KUNYA: nom de guerre');
export const AliasQuality = z.enum(['GOOD', 'LOW']).describe('Confidence in an alias, as source lists grade them');

export const NationalityStatus = z.enum(['CLAIMED', 'VERIFIED']).describe('Claimed by the person or verified by documents/authorities');
