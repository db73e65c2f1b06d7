import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoOperation } from '../src/modules/demo/demo-operation';
import { recordFlags } from '../src/modules/persons/person-record';
import { PersonCreate } from '@custodian/contracts';

test('the demo operation is deterministic, shaped like the reports, and carries real rosters\' flaws', () => {
  const a = generateDemoOperation(1);
  const b = generateDemoOperation(1);
  assert.deepEqual(a, b);
  assert.notDeepEqual(generateDemoOperation(2).persons.slice(0, 5), a.persons.slice(0, 5));
  assert.equal(a.persons.length, 7000);
  assert.equal(a.persons.filter((p) => p.facilityCode === 'PANORAMA').length, 4500);
  const hvd = a.persons.filter((p) => p.riskClass === 'HVD').length;
  assert.ok(hvd >= 120 && hvd <= 180, `HVDs ${hvd}`);
  const nats = new Set(a.persons.map((p) => p.nationalities[0]!.country));
  assert.ok(nats.size >= 38, `nationalities ${nats.size}`);
  assert.ok(a.persons.filter((p) => p.plantedDuplicateOf !== undefined).length >= 30);
  assert.ok(a.persons.some((p) => recordFlags(p).includes('POSSIBLE_MINOR')));
  assert.ok(a.persons.some((p) => recordFlags(p).includes('MISSING_DOB')));
  assert.ok(a.persons.filter((p) => p.names.some((n) => n.kind === 'KUNYA')).length > 2000);
  for (const f of ['KHARAB-AL-JIR', 'BIAP', 'AL-HOL', 'SHADDADI']) assert.ok(a.facilities.some((x) => x.code === f), f);
  // Every demo record meets the registry's own validation.
  for (const { facilityCode: _f, plantedDuplicateOf: _d, ...p } of a.persons.slice(0, 500)) {
    const r = PersonCreate.safeParse({ ...p, facilityId: '00000000-0000-4000-8000-000000000000' });
    assert.ok(r.success, JSON.stringify(r.error?.issues));
  }
});
