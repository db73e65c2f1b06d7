import { z } from 'zod';
import { DisruptionSchema, PlanSchema } from './plan-schema';
import { ScenarioSchema } from './scenario-schema';

/** JSON Schemas of the input documents (as written by users, defaults optional); committed under schema/. */
export function jsonSchemas(): Record<'scenario' | 'plan' | 'disruption', unknown> {
  return {
    scenario: z.toJSONSchema(ScenarioSchema, { io: 'input' }),
    plan: z.toJSONSchema(PlanSchema, { io: 'input' }),
    disruption: z.toJSONSchema(DisruptionSchema, { io: 'input' }),
  };
}
