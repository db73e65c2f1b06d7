import { generateScenario } from './generate-scenario';
import type { Scenario } from './scenario-schema';

/** Seed of the demo operation; the server's demo uses the same generator and seed. */
export const DEMO_SEED = 2026;

/** The demo operation (about 7,000 synthetic persons), identical to scenarios/demo.json. */
export function generateDemoScenario(): Scenario {
  return generateScenario({ seed: DEMO_SEED, persons: 7000 });
}
