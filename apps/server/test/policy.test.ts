// R15, the pure half: the shared policies over every role × clearance × classification ×
// assignment, against the rules stated independently here. Deny by default: no permission, an
// unknown label or no assignment gives nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLEARANCE_LEVELS, ROLES, facilityPolicy, operationPolicy, permissionsOf, personPolicy, withoutHiddenFields,
  type Clearance, type PolicyActor, type Role,
} from '@custodian/contracts';

const OP = 'op-1';
const FAC = 'fac-1';
const ASSIGNMENTS = {
  none: { operationIds: [], facilityIds: [], facilityOperationIds: [] },
  operation: { operationIds: [OP], facilityIds: [], facilityOperationIds: [] },
  facility: { operationIds: [], facilityIds: [FAC], facilityOperationIds: [OP] },
  elsewhere: { operationIds: ['op-2'], facilityIds: ['fac-2'], facilityOperationIds: ['op-2'] },
} as const;

const level = (c: string) => ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'].indexOf(c);
const oversight = (roles: readonly Role[]) => roles.includes('ADMINISTRATOR') || roles.includes('HUMANITARIAN_MONITOR');

function* actors(): Generator<[string, PolicyActor, boolean]> {
  for (const role of ROLES) for (const clearance of CLEARANCE_LEVELS) for (const [kind, a] of Object.entries(ASSIGNMENTS)) {
    yield [`${role}/${clearance}/${kind}`, { roles: [role], clearance, permissions: permissionsOf([role]), assignments: a }, kind === 'operation' || kind === 'facility'];
  }
}

describe('R15 policy matrix (pure)', () => {
  test('persons: read = permission ∧ clearance ≥ classification ∧ (assigned ∨ oversight role); update needs the assignment and persons:write', () => {
    let cases = 0; let reads = 0; let updates = 0;
    for (const [label, a, assigned] of actors()) for (const classification of CLEARANCE_LEVELS) {
      const d = personPolicy(a, { classification, operationId: OP, facilityId: FAC });
      const read = a.permissions.has('persons:read') && level(a.clearance) >= level(classification) && (assigned || oversight(a.roles));
      const update = read && assigned && a.permissions.has('persons:write');
      assert.equal(d.read, read, `read ${label} ${classification}`);
      assert.equal(d.update, update, `update ${label} ${classification}`);
      assert.equal(d.actions.includes('update'), update);
      assert.equal(d.actions.includes('read'), read);
      assert.deepEqual(d.hiddenFields, []);
      cases++; if (read) reads++; if (update) updates++;
    }
    assert.equal(cases, ROLES.length * 4 * 4 * 4);
    assert.ok(reads > 0 && reads < cases && updates > 0 && updates < reads, `${reads} reads, ${updates} updates of ${cases}`);
  });

  test('facilities: a location above the reader is hidden, and a record with a hidden field cannot be updated', () => {
    for (const [label, a, assigned] of actors()) for (const classification of CLEARANCE_LEVELS) for (const locationClassification of CLEARANCE_LEVELS) {
      const d = facilityPolicy(a, { id: FAC, operationId: OP, classification, locationClassification });
      const read = a.permissions.has('facilities:read') && level(a.clearance) >= level(classification) && (assigned || oversight(a.roles));
      const hidden = read && level(a.clearance) < level(locationClassification);
      assert.equal(d.read, read, `read ${label}`);
      assert.deepEqual([...d.hiddenFields], hidden ? ['latitude', 'longitude'] : [], `hidden ${label} ${locationClassification}`);
      const update = read && !hidden && a.permissions.has('facilities:write') && (assigned || a.roles.includes('ADMINISTRATOR'));
      assert.equal(d.update, update, `update ${label} ${classification}/${locationClassification}`);
      assert.equal(d.actions.includes('register-person'), read && assigned && a.permissions.has('persons:write'), `register ${label}`);
    }
  });

  test('operations: seen by those who work on them or on one of their facilities, and by oversight roles', () => {
    for (const [label, a, assigned] of actors()) {
      const d = operationPolicy(a, { id: OP });
      assert.equal(d.read, assigned || oversight(a.roles), label);
      assert.equal(d.update, a.permissions.has('operations:write') && (a.assignments.operationIds.includes(OP) || a.roles.includes('ADMINISTRATOR')), label);
    }
  });

  test('deny by default: no permissions, unknown labels, an empty role list', () => {
    const nobody: PolicyActor = { roles: [], clearance: 'SECRET', permissions: new Set(), assignments: ASSIGNMENTS.operation };
    assert.equal(personPolicy(nobody, { classification: 'UNCLASSIFIED', operationId: OP, facilityId: FAC }).read, false);
    assert.equal(facilityPolicy(nobody, { id: FAC, operationId: OP, classification: 'UNCLASSIFIED', locationClassification: 'UNCLASSIFIED' }).read, false);
    assert.equal(operationPolicy(nobody, { id: OP }).read, false);
    const officer: PolicyActor = { roles: ['CUSTODY_OFFICER'], clearance: 'SECRET', permissions: permissionsOf(['CUSTODY_OFFICER']), assignments: ASSIGNMENTS.operation };
    assert.equal(personPolicy(officer, { classification: 'TOP SECRET', operationId: OP, facilityId: FAC }).read, false, 'an unknown classification is above everyone');
    assert.equal(personPolicy({ ...officer, clearance: 'COSMIC' as Clearance }, { classification: 'UNCLASSIFIED', operationId: OP, facilityId: FAC }).read, false, 'an unknown clearance sees nothing');
    assert.deepEqual(personPolicy(officer, { classification: 'SECRET', operationId: 'op-2', facilityId: null }).actions, []);
  });

  test('hidden fields are removed from the record, not masked', () => {
    const out = withoutHiddenFields({ id: 'x', latitude: 1, longitude: 2 }, { hiddenFields: ['latitude', 'longitude'] });
    assert.deepEqual(Object.keys(out), ['id']);
  });
});
