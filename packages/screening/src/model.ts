import { z } from 'zod';

export const WatchlistSourceSchema = z
  .enum(['un', 'ofac', 'local'])
  .describe('Publisher of the list: UN Security Council consolidated list, US OFAC SDN, or a local list');

export const NameQualitySchema = z
  .enum(['good', 'low'])
  .describe('Publisher-assessed reliability of a name; UN "Low quality" aliases are too vague to identify someone alone');

export type NameQuality = z.infer<typeof NameQualitySchema>;

export const ScriptSchema = z.enum(['latin', 'arabic', 'cyrillic', 'greek', 'other']).describe('Dominant script of the name as published');

export const EntryNameSchema = z.object({
  full: z.string().min(1).describe('Name as published, whitespace-collapsed'),
  kind: z.enum(['primary', 'alias', 'original-script']).describe('Primary name, alias (a.k.a./f.k.a.) or the name in its original script'),
  quality: NameQualitySchema,
  script: ScriptSchema,
});
export type EntryName = z.infer<typeof EntryNameSchema>;

/**
 * One date-of-birth statement. Year bounds are always filled so that comparison code never has to
 * guess: exact/month/year give fromYear = toYear; circa keeps the stated year; range gives both ends.
 */
export const DateOfBirthSchema = z.object({
  kind: z.enum(['exact', 'month', 'year', 'circa', 'range', 'text']).describe('How precise the published statement is'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('Full date when kind is exact'),
  month: z.number().int().min(1).max(12).optional(),
  fromYear: z.number().int().optional(),
  toYear: z.number().int().optional(),
  text: z.string().optional().describe('Publisher text when it could not be reduced to years'),
});
export type DateOfBirth = z.infer<typeof DateOfBirthSchema>;

export const IdentityDocumentSchema = z.object({
  type: z.string().describe('Passport, National Identification Number, Cedula No., ...'),
  number: z.string().min(1),
  country: z.string().optional(),
  normalized: z.string().describe('Number upper-cased with everything but letters and digits removed'),
});
export type IdentityDocument = z.infer<typeof IdentityDocumentSchema>;

export const WatchlistEntrySchema = z.object({
  source: WatchlistSourceSchema,
  listVersion: z.string().describe('Publication date or version string of the list the entry came from'),
  id: z.string().min(1).describe('Stable id: "<source>:<publisher id>", e.g. un:6908048, ofac:2674'),
  kind: z.enum(['person', 'organization', 'vessel', 'aircraft', 'other']),
  names: z.array(EntryNameSchema).min(1).describe('First element is the primary name'),
  gender: z.string().optional(),
  datesOfBirth: z.array(DateOfBirthSchema),
  placesOfBirth: z.array(z.string()),
  nationalities: z.array(z.string()).describe('ISO 3166-1 alpha-2 codes when the country was recognised, else the text'),
  documents: z.array(IdentityDocumentSchema),
  references: z.array(z.string()).describe('Publisher reference numbers, e.g. QDi.123'),
  programs: z.array(z.string()).describe('Sanctions programmes / UN list types, e.g. Al-Qaida, SDGT'),
  listedOn: z.string().optional(),
  remarks: z.string().optional(),
  normalized: z.object({
    names: z.array(z.string()).describe('Folded, transliterated form of each name, same order as names'),
  }),
});
export type WatchlistEntry = z.infer<typeof WatchlistEntrySchema>;

export interface ParsedList {
  source: z.infer<typeof WatchlistSourceSchema>;
  listVersion: string;
  entries: WatchlistEntry[];
}
