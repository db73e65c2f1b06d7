// Search keys for names: every spelling of a name, in Arabic or Latin script, folds to the same
// consonant skeleton, so "Mohamed", "Muhammad" and "محمد" all find one another. Recall comes first
// here (an officer looking for a man must find him); the screening engine does the fine scoring.

const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g; // harakat, dagger alef, Quranic marks, tatweel
const ARABIC_FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ء': '', 'ؤ': 'و', 'ئ': 'ي', 'ة': 'ه', 'ى': 'ي', 'ی': 'ي', 'ک': 'ك', 'گ': 'ك', 'ڤ': 'ف', 'پ': 'ب', 'چ': 'ج',
};
// Letters to Latin consonant classes; long vowels and weak letters (ا و ي ع) carry no key.
const ARABIC_SKELETON: Record<string, string> = {
  'ا': '', 'ب': 'b', 'ت': 't', 'ث': 't', 'ج': 'j', 'ح': 'h', 'خ': 'k', 'د': 'd', 'ذ': 'd', 'ر': 'r', 'ز': 'z', 'س': 's', 'ش': 's',
  'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'g', 'ف': 'f', 'ق': 'k', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h',
  'و': '', 'ي': '',
};
const LATIN_DIGRAPHS: [RegExp, string][] = [
  [/kh/g, 'k'], [/gh/g, 'g'], [/sh/g, 's'], [/ch/g, 's'], [/th/g, 't'], [/dh/g, 'd'], [/ph/g, 'f'], [/dj/g, 'j'], [/ck/g, 'k'],
];
const LATIN_SKELETON: Record<string, string> = { q: 'k', c: 'k', x: 'ks', v: 'f', p: 'b', g: 'g' };
const LATIN_VOWELS = /[aeiouyw]/g;

const DROPPED = new Set(['al', 'el', 'ul', 'bin', 'ibn', 'ben', 'bint', 'bn', 'ould', 'wuld', 'ال', 'بن', 'ابن', 'بنت']);
const KEPT = new Map([['abu', 'abu'], ['abou', 'abu'], ['abo', 'abu'], ['ابو', 'abu'], ['umm', 'umm'], ['um', 'umm'], ['ام', 'umm']]);
const ABD = /^abd(?:ul|el|al|ol|ur|ar|er|us|as|u)?(.*)$/;

export function foldArabic(s: string): string {
  return s.replace(ARABIC_DIACRITICS, '').replace(/./gu, (ch) => ARABIC_FOLD[ch] ?? ch);
}

export function foldLatin(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’ʿʾ`´]/g, '');
}

const isArabic = (token: string) => /[\u0600-\u06FF]/.test(token);

// Names the skeleton alone would merge, and which are too common to merge: Mahmoud is not Muhammad.
const DISTINCT_ARABIC: Record<string, string> = { 'محمود': 'mhmwd' };
const DISTINCT_LATIN: [RegExp, string][] = [[/^mah?m(?:ou|oo|u)d$/, 'mhmwd'], [/^allah$/, 'l']];

// A name that opens on a vowel (or on ayn, alef, waw or ya, which Latin spellings write as one)
// keeps that fact as a leading "a": Ahmad (ahmd) is then not Hamid (hmd), nor Omar (amr) Mar.
const ARABIC_OPENERS = new Set(['ا', 'ع', 'و', 'ي']);

function collapse(s: string): string {
  let out = s.replace(/(.)\1+/g, '$1');
  // A final h is ta marbuta or a silent h in Latin spellings (Hamzah/Hamza): never a key.
  if (out.length > 1 && out.endsWith('h')) out = out.slice(0, -1);
  return out;
}

function arabicSkeleton(token: string): string {
  if (DISTINCT_ARABIC[token]) return DISTINCT_ARABIC[token];
  const opener = ARABIC_OPENERS.has(token[0] ?? '') ? 'a' : '';
  return opener + collapse(Array.from(token, (ch) => ARABIC_SKELETON[ch] ?? '').join(''));
}

function latinSkeleton(token: string): string {
  for (const [re, key] of DISTINCT_LATIN) if (re.test(token)) return key;
  const opener = /^[aeiouyw]/.test(token) ? 'a' : '';
  let t = token;
  for (const [re, rep] of LATIN_DIGRAPHS) t = t.replace(re, rep);
  t = t.replace(LATIN_VOWELS, '').replace(/[a-z]/g, (ch) => LATIN_SKELETON[ch] ?? ch);
  return opener + collapse(t);
}

// Splits a name into key tokens: particles dropped, Abd-compounds and the Arabic article separated.
function tokens(name: string): { token: string; arabic: boolean }[] {
  const out: { token: string; arabic: boolean }[] = [];
  const raw = foldLatin(foldArabic(name)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (let tok of raw) {
    const arabic = isArabic(tok);
    if (arabic) {
      if (tok.startsWith('عبد') && tok.length > 4) {
        out.push({ token: 'عبد', arabic });
        tok = tok.slice(3);
      }
      if (tok.startsWith('ال') && tok.length > 3) tok = tok.slice(2);
      if (tok.startsWith('ابو') && tok.length > 4) {
        out.push({ token: 'ابو', arabic });
        tok = tok.slice(3);
      }
    } else {
      const abd = ABD.exec(tok);
      if (abd) {
        out.push({ token: 'abd', arabic });
        tok = abd[1]!;
        if (tok.length < 2) continue;
      }
    }
    if (DROPPED.has(tok)) continue;
    out.push({ token: tok, arabic });
  }
  return out;
}

export function nameKeys(name: string): string[] {
  const keys: string[] = [];
  for (const { token, arabic } of tokens(name)) {
    const kept = KEPT.get(token);
    if (kept) { keys.push(kept); continue; }
    if (/^\d+$/.test(token)) continue;
    const sk = arabic ? arabicSkeleton(token) : latinSkeleton(token);
    if (sk) keys.push(sk);
  }
  return keys;
}

// Identifiers compare without case, spaces, dashes or slashes: "PAN-004 512" = "pan004512".
export const normaliseNumber = (s: string): string => s.toUpperCase().replace(/[\s\-/.]/g, '');
