import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameKeys, normaliseNumber } from './name-keys';

const same = (a: string, b: string) => assert.deepEqual(nameKeys(a), nameKeys(b), `${a} ~ ${b}`);

test('Latin spellings of one name share keys', () => {
  same('Muhammad', 'Mohammed');
  same('Mohamed', 'Muhammad');
  same('Abd al-Rahman', 'Abdul Rahman');
  same('Abdulrahman', 'Abd-al-Rahman');
  same('Youssef al-Hasan', 'Yusuf el-Hassan');
  same('Hamzah', 'Hamza');
  same('Abu Bakr', 'Abou Bakr');
});

test('Arabic script folds to the same keys as Latin', () => {
  same('محمد', 'Muhammad');
  same('عبد الرحمن', 'Abdul Rahman');
  same('عبدالرحمن', 'Abd al-Rahman');
  same('أبو حمزة', 'Abu Hamza');
  same('يوسف', 'Youssef');
  same('مُحَمَّد', 'محمد'); // diacritics
  same('مـحـمـد', 'محمد'); // tatweel
});

test('different names do not collide', () => {
  assert.notDeepEqual(nameKeys('Mahmoud'), nameKeys('Muhammad'));
  assert.notDeepEqual(nameKeys('محمود'), nameKeys('محمد'));
  assert.deepEqual(nameKeys('محمود'), nameKeys('Mahmood'));
  assert.notDeepEqual(nameKeys('Ahmad'), nameKeys('Hamid'));
  assert.notDeepEqual(nameKeys('أحمد'), nameKeys('حامد'));
  same('أحمد', 'Ahmed');
  same('عمر', 'Umar');
  same('إبراهيم', 'Ebrahim');
  same('عيسى', 'Eissa');
  same('وليد', 'Waleed');
  same('عثمان', 'Othman');
  same('عبد الله', 'Abd Allah');
  assert.notDeepEqual(nameKeys('Khalid'), nameKeys('Hamid'));
  assert.notDeepEqual(nameKeys('Omar'), nameKeys('Ahmad'));
});

test('numbers normalise', () => {
  assert.equal(normaliseNumber('pan-004 512'), 'PAN004512');
});
