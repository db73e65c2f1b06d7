import { z } from 'zod';

// Target fields a roster column can be mapped to.
export const ROSTER_FIELDS = [
  'rosterNumber', 'fullNameLatin', 'fullNameArabic', 'givenName', 'fatherName', 'grandfatherName', 'familyName',
  'kunya', 'nisba', 'aliases', 'sex', 'dateOfBirth', 'placeOfBirth', 'nationality', 'riskClass', 'documentNumber',
  'arrestDate', 'arrestPlace', 'orderingAuthority', 'grounds', 'admittedAt',
] as const;
export const RosterField = z.enum(ROSTER_FIELDS);
export type RosterField = z.infer<typeof RosterField>;

export const ImportOptions = z.object({
  sourceList: z.string().regex(/^[A-Z0-9_-]{2,40}$/, 'upper-case letters, digits, _ or -').describe('Roster name; roster numbers are unique within it'),
  facilityId: z.string().uuid().describe('Facility the roster lists'),
  responsibleAuthority: z.string().min(1).max(300),
  mapping: z.record(z.string(), RosterField).optional().describe('Column header → field; guessed from headers when absent'),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const RowError = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });

export const ImportPreview = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  fileSha256: z.string(),
  status: z.enum(['PREVIEWED', 'COMMITTING', 'COMPLETE', 'REJECTED']),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), RosterField),
  rowsTotal: z.number().int(),
  rowsValid: z.number().int(),
  rowsDuplicate: z.number().int().describe('Rows whose roster number is already registered; commit skips them'),
  errors: z.array(RowError),
  sample: z.array(z.record(z.string(), z.string())).describe('First rows as mapped'),
  personsAdded: z.number().int().nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
