// Regenerates schema/*.schema.json from the zod schemas (a test fails when they drift).
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from '../src/index';

const dir = new URL('../schema/', import.meta.url).pathname;
for (const [name, schema] of Object.entries(jsonSchemas())) writeFileSync(`${dir}${name}.schema.json`, JSON.stringify(schema, null, 2) + '\n');
console.log('wrote schema/scenario.schema.json, plan.schema.json, disruption.schema.json');
