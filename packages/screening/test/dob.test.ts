import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDatesOfBirth, parseDateOfBirthText } from '../src/index';

const cmp = (a: string, b: string) => compareDatesOfBirth(parseDateOfBirthText(a), parseDateOfBirthText(b));

void test('date-of-birth text forms', () => {
  assert.deepEqual(parseDateOfBirthText('10 Dec 1948'), { kind: 'exact', date: '1948-12-10', fromYear: 1948, toYear: 1948, month: 12 });
  assert.deepEqual(parseDateOfBirthText('Nov. 1973'), { kind: 'month', month: 11, fromYear: 1973, toYear: 1973 });
  assert.deepEqual(parseDateOfBirthText('circa 1957'), { kind: 'circa', fromYear: 1957, toYear: 1957 });
  assert.deepEqual(parseDateOfBirthText('1960-1962'), { kind: 'range', fromYear: 1960, toYear: 1962 });
  assert.deepEqual(parseDateOfBirthText('sometime'), { kind: 'text', text: 'sometime' });
});

void test('date-of-birth agreement respects precision: exact, year-only, circa, ranges', () => {
  assert.equal(cmp('1975-04-12', '1975-04-12'), 1);
  assert.ok(cmp('1975-04-12', '1975') > 0 && cmp('1975-04-12', '1975') < 1, 'year-only agrees but does not prove');
  assert.ok(cmp('1976', 'circa 1975') > 0, 'within circa slack');
  assert.ok(cmp('1980', 'circa 1975') < 0, 'outside circa slack');
  assert.ok(cmp('1981', '1980 to 1983') > 0, 'inside range');
  assert.ok(cmp('1984', '1980 to 1983') < 0 && cmp('1984', '1980 to 1983') > -1, 'just outside a range is a mild contradiction');
  assert.equal(cmp('1990', '1980 to 1983'), -1);
  assert.ok(cmp('1975-12-04', '1975-04-12') > 0.5, 'day and month swapped');
  assert.equal(cmp('1975-04-12', '1960-01-01'), -1);
  assert.equal(cmp('unknown', '1960'), 0, 'unreadable text is no evidence');
  assert.ok(cmp('1975-04-12', '1980 to 1983') < 0);
});
