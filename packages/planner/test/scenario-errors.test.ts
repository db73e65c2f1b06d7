import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario, ScenarioError } from '../src/index';
import { tinyScenario } from './fixtures';

function issuesOf(input: unknown) {
  try { parseScenario(input); } catch (e) { assert.ok(e instanceof ScenarioError); return e.issues; }
  assert.fail('expected ScenarioError');
}

void test('a valid tiny scenario parses', () => {
  assert.equal(parseScenario(tinyScenario([{ id: 'A', weight: 1, persons: 2 }])).persons.length, 2);
});

void test('unknown facility reference names the person and the facility', () => {
  const s = tinyScenario([{ id: 'A', weight: 1, persons: 2 }]);
  s.persons[1].source = 'NOWHERE';
  const i = issuesOf(s);
  assert.equal(i[0].code, 'unknown-facility');
  assert.deepEqual(i[0].ids, ['P2', 'NOWHERE']);
  assert.equal(i[0].path, 'persons.1.source');
});

void test('duplicate ids are reported with both positions', () => {
  const s = tinyScenario([{ id: 'A', weight: 1, persons: 2 }]);
  s.persons[1].id = 'P1';
  const i = issuesOf(s);
  assert.equal(i[0].code, 'duplicate-person');
  assert.match(i[0].message, /persons\.0 and persons\.1/);
});

void test('a leg to nowhere is rejected', () => {
  const s = tinyScenario([{ id: 'A', weight: 1, persons: 2 }]);
  s.legs[0].to = 'VOID';
  const codes = issuesOf(s).map((x) => x.code);
  assert.ok(codes.includes('unknown-facility'));
  assert.ok(issuesOf(s).some((x) => /leg to nowhere/.test(x.message) && x.ids?.includes('L-A')));
});

void test('unknown asset type on an asset and on a leg', () => {
  const s = tinyScenario([{ id: 'A', weight: 1, persons: 2 }]);
  s.assets[0].type = 'Zeppelin';
  s.legs[0].assetTypes = ['Blimp'];
  const i = issuesOf(s);
  assert.ok(i.some((x) => x.code === 'unknown-asset-type' && x.ids?.includes('H1')));
  assert.ok(i.some((x) => x.code === 'unknown-asset-type' && x.ids?.includes('Blimp')));
});

void test('schema errors carry the path', () => {
  const s = tinyScenario([{ id: 'A', weight: 1, persons: 2 }]) as Record<string, unknown>;
  (s.legs as { durationHours: number }[])[0].durationHours = -1;
  const i = issuesOf(s);
  assert.equal(i[0].code, 'schema');
  assert.equal(i[0].path, 'legs.0.durationHours');
});

void test('a source without a risk weight and a staging node without capacity are rejected', () => {
  const s = tinyScenario([{ id: 'A', weight: 1, persons: 2 }]);
  delete s.facilities[0].riskWeight;
  s.facilities.push({ id: 'STG', kind: 'staging' });
  const codes = issuesOf(s).filter((x) => x.code === 'missing-field').map((x) => x.path);
  assert.deepEqual(codes, ['facilities.0.riskWeight', 'facilities.2.holdingCapacity', 'facilities.2.maxDwellHours']);
});
