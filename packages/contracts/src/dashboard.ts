import { z } from 'zod';

const Count = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

export const Dashboard = z.object({
  operation: z.object({ id: z.string(), code: z.string(), name: z.string(), targetPersons: z.number().int(), demo: z.boolean() }).nullable(),
  totals: z.object({ persons: z.number().int(), held: z.number().int(), facilities: z.number().int(), flagged: z.number().int() }),
  byStatus: z.array(Count),
  byRiskClass: z.array(Count),
  byNationality: z.array(Count),
  byFacility: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      population: z.number().int(),
      capacityWorking: z.number().int(),
      capacityMaximum: z.number().int(),
      riskLevel: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;
