import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareNames, foldArabic, normalizeName, OPERATING_THRESHOLD } from '../src/index';

const score = (a: string, b: string) => compareNames(normalizeName(a), normalizeName(b)).score;
const folded = (s: string) => normalizeName(s).folded;

void test('Arabic-script folding: alef forms, hamza carriers, ta marbuta, alef maqsura, Persian letters, tatweel, harakat', () => {
  assert.equal(foldArabic('أحمد'), 'احمد');
  assert.equal(foldArabic('إبراهيم'), 'ابراهيم');
  assert.equal(foldArabic('آمنة'), 'امنه');
  assert.equal(foldArabic('ٱلله'), 'الله');
  assert.equal(foldArabic('مصطفى'), 'مصطفي');
  assert.equal(foldArabic('علی'), 'علي');
  assert.equal(foldArabic('کریم'), 'كريم');
  assert.equal(foldArabic('مـحـمـد'), 'محمد');
  assert.equal(foldArabic('مُحَمَّد'), 'محمد');
  assert.equal(foldArabic('ﺁخوند'), 'اخوند', 'presentation forms');
});

void test('Latin variant folding: Muhammad/Mohamed/Mohammed, Abdul/Abd al-/Abdel, Yusuf/Youssef, particles', () => {
  for (const v of ['Mohamed', 'Mohammed', 'Mohamad', 'MUHAMMAD', 'Muhammed']) assert.equal(folded(v), folded('Muhammad'), v);
  for (const v of ['Abd al-Rahman', 'Abdul Rahman', 'Abdel Rahman', 'Abdurrahman', 'ABDELRAHMAN']) assert.equal(folded(v), folded('Abdulrahman'), v);
  assert.equal(folded('Youssef'), folded('Yusuf'));
  assert.equal(folded('Abou Bakr'), folded('Abu Bakr'));
  assert.equal(folded('Khalid ibn Salim'), folded('Khalid bin Salim'));
  assert.equal(folded('Khalid ben Salim'), folded('Khalid bin Salim'));
  assert.equal(folded('Hassan el-Masri'), folded('Hasan al Masri'));
  assert.equal(folded('Dr. Ayman'), 'ayman', 'titles are dropped');
});

void test('name structure: kunya, nasab and nisba are recognised', () => {
  const n = normalizeName('Abu Harith Khalid bin Salim al-Iraqi');
  const roles = Object.fromEntries(n.tokens.map((t) => [t.text, t.role]));
  assert.equal(roles.abuharith, 'kunya');
  assert.equal(roles.salim, 'nasab');
  assert.equal(roles.iraki ?? roles.iraqi, 'nisba');
  assert.ok(n.particles.includes('bin') && n.particles.includes('al'));
});

void test('transliteration: Arabic and Cyrillic names meet their Latin forms', () => {
  assert.ok(score('محمد علي', 'Mohamed Ali') >= OPERATING_THRESHOLD);
  assert.ok(score('عبد الرحمن يوسف', 'Abdul Rahman Yousef') >= OPERATING_THRESHOLD);
  assert.ok(score('Владимир Тестов', 'Vladimir Testov') >= 0.95);
  assert.equal(folded('Иван'), 'ivan');
  assert.ok(score('Иван Тестов', 'Petr Sidorov') < 0.3);
});

void test('comparison: order-insensitive, initials, typos, and distinct people stay apart', () => {
  assert.equal(score('Testov Ivan', 'Ivan Testov'), 1);
  assert.ok(score('I. Testov', 'Ivan Testov') >= OPERATING_THRESHOLD, 'initial');
  assert.ok(score('Ivan Tesstov', 'Ivan Testov') >= OPERATING_THRESHOLD, 'doubled letter');
  assert.ok(score('Ivan Tsetov', 'Ivan Testov') >= OPERATING_THRESHOLD, 'transposition');
  assert.ok(score('Ivan Petrov', 'Ivan Testov') < OPERATING_THRESHOLD, 'shared first name only');
  assert.ok(score('Ivan', 'Ivan Sergeyevich Testov') < OPERATING_THRESHOLD, 'one shared part');
  assert.ok(score('Salim bin Khalid al-Testi', 'Khalid bin Salim al-Testi') < OPERATING_THRESHOLD, 'father and son swapped');
  assert.ok(score('Abu Bakr', 'Abu Bakr') < OPERATING_THRESHOLD, 'a generic kunya alone is not an identification');
  assert.ok(score('Khalid Salim al-Testi', 'Khalid bin Salim bin Nasir al-Testi') >= OPERATING_THRESHOLD, 'partial name with nasab');
});

void test('comparison explains itself: aligned and unmatched tokens', () => {
  const c = compareNames(normalizeName('Mohamed Yousef al-Testi'), normalizeName('Muhammad Yusuf Nasir al-Testi'));
  assert.equal(c.aligned.length, 3);
  assert.deepEqual(c.unmatchedCandidate, ['nasir']);
  assert.ok(c.aligned.every((a) => a.similarity > 0.8));
});
