export * from './scenario/scenario-schema';
export * from './scenario/plan-schema';
export { parseScenario, parsePlan, parseDisruption } from './scenario/parse-scenario';
export { generateScenario, type GenerateOptions } from './scenario/generate-scenario';
export { mulberry32 } from './scenario/prng';
export { ScenarioError, PlannerError, type InputIssue } from './errors';
export { planTransferWaves, type PlanOptions } from './solve/plan-transfers';
export { validatePlan, type Violation, type ViolationCode, type ValidateOptions } from './validate/validate-plan';
