import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildScreeningIndex, match, matchQuery, MatchResponseSchema, OPERATING_THRESHOLD, parseOfacCsv, parseUnConsolidatedXml, ScreeningQueryError,
} from '../src/index';
import { fixture } from './fixtures';

const index = buildScreeningIndex([
  ...parseUnConsolidatedXml(fixture('un-mini.xml')).entries,
  ...parseOfacCsv({ sdn: fixture('ofac/sdn.csv'), alt: fixture('ofac/alt.csv') }, '2025-06-01').entries,
]);

void test('match: a transliterated, re-ordered name with agreeing DOB finds the listed person with an explanation', () => {
  const results = matchQuery(index, {
    schema: 'Person',
    properties: { name: ['Al-Fulani Abdelrahman Youssef'], birthDate: ['1975'], nationality: ['iq'], birthPlace: ['Mosul'] },
  });
  assert.ok(results.length >= 2);
  const ids = results.slice(0, 2).map((r) => r.id).sort();
  assert.deepEqual(ids, ['ofac:7001', 'un:900001']);
  const top = results[0];
  assert.equal(top.match, true);
  assert.ok(top.score >= OPERATING_THRESHOLD);
  assert.equal(top.schema, 'Person');
  const features = Object.fromEntries(top.explanation.map((f) => [f.feature, f]));
  assert.ok(features.name.score > 0.9);
  assert.match(features.name.detail!, /youssef~/i);
  assert.equal(features.birthDate.score > 0, true);
  assert.ok(features.nationality.score === 1);
  assert.deepEqual(features.birthPlace.query, ['mosul']);
  assert.ok(top.datasets[0] === 'un_sc_sanctions' || top.datasets[0] === 'us_ofac_sdn');
});

void test('match: Arabic-script query finds the entry published in Latin', () => {
  const [top] = matchQuery(index, { schema: 'Person', properties: { name: ['عبد الرحمن يوسف الفلاني'] } });
  assert.ok(top.id === 'un:900001' || top.id === 'ofac:7001');
  assert.equal(top.match, true);
});

void test('match: a contradicting date of birth pulls the score down and is explained', () => {
  const agree = matchQuery(index, { schema: 'Person', properties: { name: ['Ivan Testov'], birthDate: ['1969-03-01'] } })[0];
  const contradict = matchQuery(index, { schema: 'Person', properties: { name: ['Ivan Testov'], birthDate: ['1990-03-01'] } })[0];
  assert.ok(contradict.score < agree.score);
  assert.equal(contradict.explanation.find((f) => f.feature === 'birthDate')!.score, -1);
});

void test('match: low-quality alias alone and unrelated names are not matches; a passport number is', () => {
  const weak = matchQuery(index, { schema: 'Person', properties: { name: ['Abu Harith'] } });
  assert.ok(weak.every((r) => !r.match), 'weak alias alone');
  const none = matchQuery(index, { schema: 'Person', properties: { name: ['Maria Lopez Garcia'], birthDate: ['1990-01-01'] } });
  assert.ok(none.every((r) => !r.match));
  const doc = matchQuery(index, { schema: 'Person', properties: { name: ['Abdul Rahman al-Fulani'], passportNumber: ['x-1234567'] } });
  assert.ok(doc[0].score >= 0.95);
  assert.equal(doc[0].explanation.find((f) => f.feature === 'identifier')?.score, 1);
});

void test('match: yente-shaped batch response validates against the exported schema and is deterministic', () => {
  const request = { queries: { q1: { schema: 'Person' as const, properties: { name: ['Ivan Testov'] } }, q2: { properties: { name: ['Example Shipping'] }, schema: 'Company' as const } } };
  const a = match(index, request);
  const b = match(index, request);
  assert.deepEqual(a, b);
  MatchResponseSchema.parse(a);
  assert.equal(a.responses.q1.results[0].caption.toUpperCase(), 'IVAN TESTOV');
  assert.equal(a.responses.q2.results[0].id, 'ofac:7003');
});

void test('match: invalid queries raise ScreeningQueryError', () => {
  assert.throws(() => matchQuery(index, { schema: 'Person', properties: { name: [] } }), ScreeningQueryError);
  assert.throws(() => match(index, { queries: {} }), ScreeningQueryError);
});
