import { transliterate as romanize } from 'transliteration';
import {
  arabicFold,
  arabicStrip,
  arabicToLatin,
  arabicWordToLatin,
  cyrillicToLatin,
  greekToLatin,
} from './tables';

export type Script = 'latin' | 'arabic' | 'cyrillic' | 'greek' | 'other';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const GREEK = /[\u0370-\u03FF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

export function detectScript(text: string): Script {
  let arabic = 0, cyrillic = 0, greek = 0, latin = 0, other = 0;
  for (const ch of text) {
    if (ARABIC.test(ch)) arabic++;
    else if (CYRILLIC.test(ch)) cyrillic++;
    else if (GREEK.test(ch)) greek++;
    else if (LATIN.test(ch)) latin++;
    else if (/\p{L}/u.test(ch)) other++;
  }
  const best = Math.max(arabic, cyrillic, greek, latin, other);
  if (best === 0) return 'latin';
  if (best === latin) return 'latin';
  if (best === arabic) return 'arabic';
  if (best === cyrillic) return 'cyrillic';
  if (best === greek) return 'greek';
  return 'other';
}

/** Arabic-script folding: one form per letter family, no harakat or tatweel. */
export function foldArabic(text: string): string {
  let out = '';
  // NFKC first: presentation forms (ﺁ) become the base letters the tables know.
  for (const ch of text.normalize('NFKC')) {
    if (arabicStrip.has(ch)) continue;
    out += arabicFold.get(ch) ?? ch;
  }
  return out;
}

export interface LatinPiece {
  text: string;
  /** True when the piece came from a consonantal script without a known spelling, so its vowels are guesses. */
  vowelless: boolean;
}

function transliterateArabicWord(word: string): LatinPiece[] {
  const known = arabicWordToLatin.get(word);
  if (known) return known.split(' ').map((text) => ({ text, vowelless: false }));
  // The article is written joined; split it off so "الرحمن" lines up with "al-Rahman".
  if (word.startsWith('ال') && word.length > 3) {
    return [{ text: 'al', vowelless: false }, ...transliterateArabicWord(word.slice(2))];
  }
  let out = '';
  const chars = [...word];
  chars.forEach((ch, i) => {
    // Medial waw/ya are usually long vowels; initial ones are consonants.
    if (ch === 'و') out += i === 0 ? 'w' : 'u';
    else if (ch === 'ي') out += i === 0 ? 'y' : 'i';
    else if (ch === 'ا') out += 'a';
    // Word-initial ain is heard as a vowel: Ali, Abd, Umar.
    else if (ch === 'ع' && i === 0) out += 'a';
    else out += arabicToLatin.get(ch) ?? '';
  });
  return out ? [{ text: out, vowelless: true }] : [];
}

const SPECIAL_LATIN: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd' };

function foldLatinChars(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøæœłđıþð]/g, (c) => SPECIAL_LATIN[c] ?? c);
}

/** Turns one whitespace-free word of any supported script into lower-case Latin pieces. */
export function transliterateWord(word: string): LatinPiece[] {
  if (ARABIC.test(word)) return transliterateArabicWord(foldArabic(word).replace(/[^\u0600-\u06FF]/g, ''));
  if (CYRILLIC.test(word) || GREEK.test(word)) {
    let out = '';
    for (const ch of word.toLowerCase()) {
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += cyrillicToLatin.get(plain) ?? greekToLatin.get(plain) ?? foldLatinChars(ch);
    }
    return [{ text: out, vowelless: false }];
  }
  if (/[^\p{Script=Latin}\p{N}\p{P}\p{S}\p{M}]/u.test(word)) {
    // Scripts without a table of ours (Hebrew, Armenian, Georgian, CJK, Indic...): the transliteration
    // library's romanisation, syllables of one word kept together. Hebrew is written without vowels.
    const text = foldLatinChars(romanize(word)).replace(/[^a-z0-9]+/g, '');
    return text ? [{ text, vowelless: HEBREW.test(word) }] : [];
  }
  return [{ text: foldLatinChars(word), vowelless: false }];
}

const HEBREW = /[\u0590-\u05FF]/;
