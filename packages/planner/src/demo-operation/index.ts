/**
 * The synthetic demo operation (persons and facilities), pure and deterministic: the server's demo
 * loader stores it, and the planner's demo scenario is derived from it. No I/O, no server code.
 */
export { DEMO_DEFAULT_SEED, DEMO_FACILITIES, generateDemoOperation, rng, type DemoFacility, type DemoOperation, type DemoPerson } from './demo-operation';
