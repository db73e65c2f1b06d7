import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLocalListCsv, WatchlistParseError } from '../src/index';

const HEADER = 'id,kind,name,aliases,weak_aliases,date_of_birth,place_of_birth,nationality,documents,reference,program';

void test('local CSV: documented columns, multi-valued cells, date forms', () => {
  const csv = `${HEADER}\nL1,person,Abu Harith al-Fulani,Abdul Rahman Fulani|A. R. Fulani,Abu Harith,circa 1975|1980 to 1982,Mosul,Iraq|SY,Passport:X1234567:Iraq,LOC-1,local-watch\n`;
  const [e] = parseLocalListCsv(csv, 'v1').entries;
  assert.equal(e.id, 'local:L1');
  assert.equal(e.names.length, 4);
  assert.equal(e.names[3].quality, 'low');
  assert.deepEqual(e.datesOfBirth, [{ kind: 'circa', fromYear: 1975, toYear: 1975 }, { kind: 'range', fromYear: 1980, toYear: 1982 }]);
  assert.deepEqual(e.nationalities, ['IQ', 'SY']);
  assert.deepEqual(e.documents, [{ type: 'Passport', number: 'X1234567', country: 'Iraq', normalized: 'X1234567' }]);
});

void test('local CSV: errors name the row and column', () => {
  const bad = (csv: string, field: string) =>
    assert.throws(() => parseLocalListCsv(csv, 'v1'), (e: unknown) => e instanceof WatchlistParseError && e.field === field);
  bad(`${HEADER}\nL1,person,Someone,,,sometime,,,,,\n`, 'date_of_birth');
  bad(`${HEADER}\nL1,alien,Someone,,,,,,,,\n`, 'kind');
  bad(`${HEADER}\nL1,person,Someone,,,,,,Passport,,\n`, 'documents');
  bad(`id,nom\nL1,Someone\n`, 'name');
  bad(`${HEADER},colour\nL1,person,Someone,,,,,,,,,red\n`, 'colour');
});
