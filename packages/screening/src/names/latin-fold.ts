/**
 * Spelling-level folding for one lower-case Latin token: collapses the differences transliteration
 * systems disagree on (doubled consonants, ou/u, ee/i, ph/f, final y/i, x/ks) so that the variant
 * tables and the fuzzy comparison see one spelling per sound.
 */
export function foldLatinToken(token: string): string {
  let t = token
    .replace(/ou/g, 'u')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/ph/g, 'f')
    .replace(/x/g, 'ks');
  t = t.replace(/(.)\1+/g, '$1');
  if (t.length > 2 && t.endsWith('y')) t = t.slice(0, -1) + 'i';
  return t;
}

/**
 * Consonant skeleton used for blocking and for comparing against vowel-less transliterations of
 * Arabic script: vowels and glides dropped, digraphs reduced, sound-alike consonants merged.
 */
export function consonantSkeleton(token: string): string {
  let t = token
    .replace(/([kgsdtzc])h/g, '$1')
    .replace(/[qck]/g, 'k')
    .replace(/g/g, 'k')
    .replace(/v/g, 'w')
    .replace(/z/g, 's');
  const first = t[0];
  t = t.slice(1).replace(/[aeiouyw]/g, '');
  if (first && !'aeiou'.includes(first)) t = first + t;
  t = t.replace(/(.)\1+/g, '$1');
  if (t.length > 2 && t.endsWith('h')) t = t.slice(0, -1);
  return t;
}
