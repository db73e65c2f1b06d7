import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnConsolidatedXml, WatchlistParseError } from '../src/index';
import { fixture, fixtureText } from './fixtures';

void test('UN XML: individuals and entities with names, aliases, dates, documents and references', () => {
  const list = parseUnConsolidatedXml(fixture('un-mini.xml'));
  assert.equal(list.listVersion, '2025-06-01');
  assert.equal(list.entries.length, 4);
  const a = list.entries.find((e) => e.id === 'un:900001')!;
  assert.equal(a.kind, 'person');
  assert.deepEqual(a.references, ['QDi.901']);
  assert.equal(a.listedOn, '2015-03-02');
  assert.deepEqual(a.nationalities, ['IQ', 'SY']);
  assert.deepEqual(a.placesOfBirth, ['Mosul, Iraq']);
  assert.equal(a.names[0].full, 'ABD AL-RAHMAN YUSUF AL-FULANI');
  const original = a.names.find((n) => n.kind === 'original-script')!;
  assert.equal(original.script, 'arabic');
  assert.equal(a.names.find((n) => n.full === 'Abu Harith')?.quality, 'low');
  assert.equal(a.names.find((n) => n.full === 'Abdul Rahman Yousef al-Fulani')?.quality, 'good');
  assert.deepEqual(a.datesOfBirth, [
    { kind: 'exact', date: '1975-04-12', fromYear: 1975, toYear: 1975, month: 4 },
    { kind: 'circa', fromYear: 1974, toYear: 1974 },
  ]);
  assert.deepEqual(a.documents, [{ type: 'Passport', number: 'X 1234567', country: 'Iraq', normalized: 'X1234567' }]);
  assert.equal(a.normalized.names.length, a.names.length);
  assert.equal(a.normalized.names[0], a.normalized.names[2], 'primary and the Latin alias fold to the same form');

  const b = list.entries.find((e) => e.id === 'un:900002')!;
  assert.deepEqual(b.datesOfBirth, [{ kind: 'range', fromYear: 1980, toYear: 1983 }]);
  assert.equal(b.names.length, 1, 'empty alias elements are not names');
  assert.deepEqual(list.entries.find((e) => e.id === 'un:900003')!.datesOfBirth, [{ kind: 'year', fromYear: 1969, toYear: 1969 }]);
  const entity = list.entries.find((e) => e.id === 'un:900100')!;
  assert.equal(entity.kind, 'organization');
  assert.deepEqual(entity.names.map((n) => n.full), ['EXAMPLE RELIEF FOUNDATION', 'ERF']);
});

function expectParseError(xml: string, check: (e: WatchlistParseError) => void): void {
  assert.throws(
    () => parseUnConsolidatedXml(xml),
    (e: unknown) => {
      assert.ok(e instanceof WatchlistParseError, `expected WatchlistParseError, got ${String(e)}`);
      check(e);
      return true;
    },
  );
}

void test('UN XML: malformed input names the entry and field, and nothing is returned', () => {
  const good = fixtureText('un-mini.xml');
  expectParseError(good.replace('<FROM_YEAR>1980</FROM_YEAR>', '<FROM_YEAR>19x0</FROM_YEAR>'), (e) => {
    assert.equal(e.entry, '900002');
    assert.match(e.field!, /FROM_YEAR/);
  });
  expectParseError(good.replace('<TO_YEAR>1983</TO_YEAR>', '<TO_YEAR>1970</TO_YEAR>'), (e) => assert.match(e.reason, /ends before it starts/));
  expectParseError(good.replace('<DATAID>900003</DATAID>', '<DATAID></DATAID>'), (e) => assert.equal(e.field, 'DATAID'));
  expectParseError(good.replace('<FIRST_NAME>IVAN</FIRST_NAME>\n      <SECOND_NAME>TESTOV</SECOND_NAME>', ''), (e) => {
    assert.equal(e.entry, '900003');
    assert.equal(e.field, 'FIRST_NAME');
  });
  expectParseError(good.replace('</INDIVIDUALS>', ''), (e) => assert.match(e.field!, /xml line/));
  expectParseError('<OTHER/>', (e) => assert.equal(e.field, 'CONSOLIDATED_LIST'));
});
