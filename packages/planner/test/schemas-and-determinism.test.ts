import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEMO_DEFAULT_SEED, generateDemoOperation } from '../src/demo-operation/index';
import { DEMO_SEED, generateDemoScenario, generateScenario, jsonSchemas, parseScenario } from '../src/index';

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

void test('committed demo.json is what the demo generator produces for the server demo\'s default seed, and it is valid', () => {
  const committed = JSON.parse(readFileSync(`${pkg}scenarios/demo.json`, 'utf8'));
  assert.equal(DEMO_SEED, DEMO_DEFAULT_SEED);
  const demo = generateDemoScenario(DEMO_DEFAULT_SEED);
  assert.deepEqual(committed, JSON.parse(JSON.stringify(demo)), 'scenarios/demo.json drifted: run `npm run scenarios -w @custodian/planner`');
  assert.deepEqual(generateDemoScenario(), demo);
  const s = parseScenario(committed);
  assert.ok(s.persons.some((p) => p.ineligible));
  assert.ok(s.persons.some((p) => (p.separationGroups ?? []).length > 0));
});

void test('the demo scenario holds the server demo operation\'s persons: same roster numbers, prisons and risk classes, for any seed', () => {
  for (const seed of [DEMO_DEFAULT_SEED, 5]) {
    const op = generateDemoOperation(seed);
    const s = generateDemoScenario(seed);
    assert.equal(s.persons.length, op.persons.length);
    assert.equal(s.persons.length, 7000);
    op.persons.forEach((dp, i) => {
      const p = s.persons[i];
      assert.equal(p.id, `DEMO-${dp.identifiers[0].value}`);
      assert.equal(p.source, `DEMO-${dp.facilityCode}`);
      assert.equal(p.risk.toUpperCase(), dp.riskClass);
    });
    const sources = s.facilities.filter((f) => f.kind === 'source').map((f) => f.id).sort();
    assert.deepEqual(sources, op.facilities.filter((f) => f.kind === 'PRISON').map((f) => `DEMO-${f.code}`).sort());
    // minors planted on the adult rosters are never planned
    const minors = op.persons.flatMap((dp, i) => (dp.dateOfBirth.kind === 'YEAR' && (dp.dateOfBirth.year ?? 0) > 2008 ? [s.persons[i]] : []));
    assert.ok(minors.length > 0 && minors.every((p) => p.ineligible?.reason === 'minor on an adult roster'));
  }
  assert.notDeepEqual(generateDemoScenario(5).persons.slice(0, 50), generateDemoScenario(DEMO_DEFAULT_SEED).persons.slice(0, 50));
});
