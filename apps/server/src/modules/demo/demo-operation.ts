// The demo operation's persons and facilities come from one pure generator shared with the
// transfer planner (its demo scenario is built from the same seed), so the two never disagree.
export { DEMO_DEFAULT_SEED, DEMO_FACILITIES, generateDemoOperation, rng, type DemoFacility, type DemoOperation, type DemoPerson } from '@custodian/planner/demo-operation';
