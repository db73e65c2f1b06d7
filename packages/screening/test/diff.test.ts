import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

const shared = new URL('../../../../shared/data/watchlists/un/', import.meta.url);
const haveShared = existsSync(new URL('consolidated_2020-11-30.xml', shared));

void test('diffLists on the public UN copies 2020-11-30 -> 2026-02-27', { skip: !haveShared && 'shared data not present' }, () => {
  const before = parseUnConsolidatedXml(readFileSync(new URL('consolidated_2020-11-30.xml', shared))).entries;
  const after = parseUnConsolidatedXml(readFileSync(new URL('consolidated_2026-02-27.xml', shared))).entries;
  const d = diffLists(before, after);
  assert.equal(d.added.length + d.changed.length + d.unchanged, after.length);
  assert.equal(d.removed.length + d.changed.length + d.unchanged, before.length);
  assert.ok(d.added.length > 0 && d.removed.length > 0 && d.changed.length > 0);
  assert.ok(d.added.some((e) => e.references[0]?.startsWith('CDi.')), 'DRC listings added since 2020');
  const changed = d.changed.find((c) => c.changedFields.includes('names'))!;
  assert.notDeepEqual(changed.before.names, changed.after.names);
});
