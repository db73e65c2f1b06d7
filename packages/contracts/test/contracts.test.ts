import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateOfBirth, ERROR_STATUS, FacilityUpdate, PersonCreate, PersonUpdate, ROLE_PERMISSIONS, permissionsOf } from '../src/index';

test('a patch carries only what it names: defaults of the create schema are not applied', () => {
  assert.deepEqual(PersonUpdate.parse({ sex: 'M' }), { sex: 'M' });
  assert.deepEqual(FacilityUpdate.parse({ riskLevel: 'HIGH', riskNote: 'x' }), { riskLevel: 'HIGH', riskNote: 'x' });
  assert.equal(PersonUpdate.safeParse({ facilityId: '00000000-0000-4000-8000-000000000000' }).success, false, 'moving a person is not an edit');
  assert.equal(PersonUpdate.safeParse({ unknownField: 1 }).success, false);
});

test('dates of birth: each kind needs its parts', () => {
  assert.equal(DateOfBirth.safeParse({ kind: 'EXACT' }).success, false);
  assert.equal(DateOfBirth.safeParse({ kind: 'RANGE', fromYear: 1990, toYear: 1985 }).success, false);
  assert.equal(DateOfBirth.safeParse({ kind: 'RANGE', fromYear: 1985, toYear: 1990 }).success, true);
  assert.equal(DateOfBirth.safeParse({ kind: 'UNKNOWN' }).success, true);
});

test('intake without the CED 17(3) elements is invalid, with messages that name the standard', () => {
  const r = PersonCreate.safeParse({ names: [{ kind: 'PRIMARY', script: 'Latn', full: 'X' }], sex: 'M', dateOfBirth: { kind: 'UNKNOWN' }, riskClass: 'LOW', facilityId: '00000000-0000-4000-8000-000000000000', intake: { grounds: '', orderingAuthority: '', responsibleAuthority: 'r', arrestDate: '2019-01-01', arrestPlace: 'p', admittedAt: '2019-01-02T00:00:00Z' } });
  assert.equal(r.success, false);
  const messages = r.error!.issues.map((i) => i.message).join(' | ');
  assert.match(messages, /Mandela Rule 7/);
  assert.match(messages, /CED 17\(3\)\(b\)/);
});

test('need-to-know: only administrators administer users; monitors read audit; every role reads the registry', () => {
  for (const [role, perms] of Object.entries(ROLE_PERMISSIONS)) {
    assert.equal(perms.includes('users:admin'), role === 'ADMINISTRATOR', role);
    assert.ok(perms.includes('persons:read'), role);
  }
  assert.ok(permissionsOf(['HUMANITARIAN_MONITOR']).has('audit:read'));
  assert.equal(permissionsOf(['HUMANITARIAN_MONITOR']).has('persons:write'), false);
  assert.equal(new Set(Object.values(ERROR_STATUS)).size, Object.keys(ERROR_STATUS).length, 'one status per code');
});
