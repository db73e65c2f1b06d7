import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffLists, parseUnConsolidatedXml } from '../src/index';
import { fixtureText } from './fixtures';

void test('diffLists: added, removed and changed entries with the changed fields', () => {
  const v1 = parseUnConsolidatedXml(fixtureText('un-mini.xml')).entries;
  const v2 = parseUnConsolidatedXml(
    fixtureText('un-mini.xml')
      .replace('<DATAID>900003</DATAID>', '<DATAID>900004</DATAID>')
      .replace('<TO_YEAR>1983</TO_YEAR>', '<TO_YEAR>1984</TO_YEAR>')
      .replace('<ALIAS_NAME>ERF</ALIAS_NAME>', '<ALIAS_NAME>E.R.F.</ALIAS_NAME>'),
  ).entries;
  const d = diffLists(v1, v2);
  assert.deepEqual(d.added.map((e) => e.id), ['un:900004']);
  assert.deepEqual(d.removed.map((e) => e.id), ['un:900003']);
  assert.deepEqual(
    d.changed.map((c) => [c.id, c.changedFields]),
    [['un:900002', ['datesOfBirth']], ['un:900100', ['names']]],
  );
  assert.equal(d.unchanged, 1);
});
