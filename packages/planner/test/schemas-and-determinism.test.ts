import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateDemoScenario, generateScenario, jsonSchemas, parseScenario } from '../src/index';

const pkg = new URL('../', import.meta.url).pathname;

void test('committed JSON Schemas match the zod schemas (run `npm run schemas -w @custodian/planner` after a change)', () => {
  for (const [name, schema] of Object.entries(jsonSchemas()))
    assert.deepEqual(JSON.parse(readFileSync(`${pkg}schema/${name}.schema.json`, 'utf8')), schema, `${name}.schema.json drifted`);
});

void test('generator is deterministic per seed and differs across seeds', () => {
  const a = generateScenario({ seed: 11, persons: 800 });
  assert.deepEqual(generateScenario({ seed: 11, persons: 800 }), a);
  assert.notDeepEqual(generateScenario({ seed: 12, persons: 800 }), a);
  assert.equal(a.persons.length, 800);
  assert.ok(a.persons.every((p) => p.id.startsWith('DEMO-')));
});

void test('committed demo.json is what the demo generator produces, and it is valid', () => {
  const committed = JSON.parse(readFileSync(`${pkg}scenarios/demo.json`, 'utf8'));
  const demo = generateDemoScenario();
  assert.deepEqual(committed, JSON.parse(JSON.stringify(demo)));
  const s = parseScenario(committed);
  assert.equal(s.persons.filter((p) => p.risk === 'HVD').length, 150);
  assert.ok(s.persons.some((p) => p.ineligible));
  assert.ok(s.persons.some((p) => (p.separationGroups ?? []).length > 0));
  const panorama = s.persons.filter((p) => p.source === 'DEMO-SRC-PANORAMA').length;
  assert.ok(panorama > 4400 && panorama < 4600);
});
