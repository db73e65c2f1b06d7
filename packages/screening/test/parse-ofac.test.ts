import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOfacCsv, parseOfacRemarks, parseOfacXml, WatchlistParseError } from '../src/index';
import { fixture, fixtureText } from './fixtures';

const files = () => ({ sdn: fixture('ofac/sdn.csv'), alt: fixture('ofac/alt.csv'), comments: fixture('ofac/sdn_comments.csv') });

void test('OFAC CSV: -0- is null, 0x1A ignored, remarks give DOB/POB/nationality/passport/weak aliases', () => {
  const list = parseOfacCsv(files(), '2025-06-01');
  assert.equal(list.entries.length, 3);
  const a = list.entries.find((e) => e.id === 'ofac:7001')!;
  assert.equal(a.kind, 'person');
  assert.equal(a.names[0].full, 'Abd al-Rahman Yusuf AL-FULANI');
  assert.deepEqual(
    a.names.map((n) => [n.full, n.quality]),
    [['Abd al-Rahman Yusuf AL-FULANI', 'good'], ['Abdul Rahman AL-FULANI', 'good'], ['ABU HARITH', 'low']],
  );
  assert.deepEqual(a.datesOfBirth, [
    { kind: 'exact', date: '1975-04-12', fromYear: 1975, toYear: 1975, month: 4 },
    { kind: 'circa', fromYear: 1974, toYear: 1974 },
  ]);
  assert.deepEqual(a.placesOfBirth, ['Mosul, Iraq']);
  assert.deepEqual(a.nationalities, ['IQ']);
  assert.deepEqual(a.documents.map((d) => [d.type, d.normalized, d.country]), [['Passport', 'X1234567', 'Iraq']]);
  const b = list.entries.find((e) => e.id === 'ofac:7002')!;
  assert.equal(b.gender, 'Male');
  assert.match(b.remarks!, /Subject to Secondary Sanctions/, 'sdn_comments.csv continues the remarks');
  const c = list.entries.find((e) => e.id === 'ofac:7003')!;
  assert.equal(c.kind, 'organization');
  assert.equal(c.names[0].full, 'EXAMPLE SHIPPING LLC', 'organisation names are not re-ordered');
  assert.equal(c.remarks, undefined);
});

void test('OFAC remarks: ranges, circa and multiple documents', () => {
  const f = parseOfacRemarks('DOB 1960 to 1962; alt. DOB 01 Jan 1955 to 31 Dec 1957; alt. DOB circa 1979-1982; citizen Yemen; National ID No. 12-345 (Yemen); alt. Passport A1 B2 (Oman)');
  assert.deepEqual(f.datesOfBirth, [
    { kind: 'range', fromYear: 1960, toYear: 1962 },
    { kind: 'range', fromYear: 1955, toYear: 1957 },
    { kind: 'range', fromYear: 1979, toYear: 1982 },
  ]);
  assert.deepEqual(f.nationalities, ['YE']);
  assert.deepEqual(f.documents.map((d) => d.normalized), ['12345', 'A1B2']);
});

void test('OFAC CSV: a row with the wrong number of columns fails the whole load, naming the entry', () => {
  const broken = fixtureText('ofac/sdn.csv').replace('"DOB 1969; Gender Male; Additional Sanctions Information - Subject to Se"', '"DOB 1969",extra');
  assert.throws(
    () => parseOfacCsv({ sdn: broken }, 'x'),
    (e: unknown) => e instanceof WatchlistParseError && e.entry === '7002' && e.field === 'sdn.csv' && /13 columns|columns/.test(e.reason),
  );
  assert.throws(
    () => parseOfacCsv({ sdn: 'abc,"X","individual","P",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n' }, 'x'),
    (e: unknown) => e instanceof WatchlistParseError && e.field === 'sdn.csv.ent_num',
  );
  assert.throws(
    () => parseOfacCsv({ sdn: fixture('ofac/sdn.csv'), alt: '7001,1,"aka",-0- ,-0-\n' }, 'x'),
    (e: unknown) => e instanceof WatchlistParseError && e.entry === '7001' && e.field === 'alt.csv.alt_name',
  );
});

void test('OFAC XML: entries, strong and weak aliases, identifiers', () => {
  const list = parseOfacXml(fixture('ofac/sdn.xml'));
  assert.equal(list.listVersion, '2025-06-01');
  const a = list.entries.find((e) => e.id === 'ofac:7001')!;
  assert.deepEqual(a.names.map((n) => [n.full, n.quality]), [
    ['Abd al-Rahman Yusuf AL-FULANI', 'good'],
    ['Abdul Rahman AL-FULANI', 'good'],
    ['ABU HARITH', 'low'],
  ]);
  assert.deepEqual(a.documents.map((d) => d.normalized), ['X1234567']);
  assert.deepEqual(a.nationalities, ['IQ']);
  assert.equal(list.entries.find((e) => e.id === 'ofac:7003')!.kind, 'organization');
  assert.throws(() => parseOfacXml('<sdnList><sdnEntry><uid>x</uid></sdnEntry></sdnList>'), (e: unknown) => e instanceof WatchlistParseError && e.field === 'uid');
});
