import { consonantSkeleton, foldLatinToken } from './latin-fold';
import { detectScript, transliterateWord, type Script } from './script';
import { genericWeights, kunyaMarkers, legalFormPhrases, legalForms, nasabMarkers, particles, titles, tokenVariants } from './tables';

/** Structural role of a token in an Arabic-style (or any) name. */
export type TokenRole = 'given' | 'kunya' | 'nasab' | 'nisba' | 'initial' | 'legal';

export interface NameToken {
  /** Canonical folded spelling (variant groups applied). */
  text: string;
  /** The spelling before variant mapping, for explanations. */
  original: string;
  skeleton: string;
  role: TokenRole;
  vowelless: boolean;
  /** Prior informativeness 0..1: generic names and legal forms count less. */
  weight: number;
}

export interface NormalizedName {
  tokens: NameToken[];
  /** Structure words removed before comparison (al, bin, abu, titles), kept for explanations. */
  particles: string[];
  script: Script;
  /** Canonical tokens joined by spaces: the "normalised form" stored on entries. */
  folded: string;
}

const ABD_FORMS = new Set(['abd', 'abdul', 'abdel', 'abdal', 'abdol', 'abdu', 'abdoul', 'abdur', 'abdus', 'abdil']);
const ARTICLES = new Set(['al', 'el', 'ul']);
// "Abdurrahman", "Abdel-Aziz", "Abdullah": the servant-of prefix with its assimilated article.
const ABD_JOINED = /^abd(?:[aeiou]l|[aeiou](?=([bcdfghjklmnpqrstvwxz])\1)|[aeiou])?(.{3,})$/;

const PATRONYMIC = /^[a-z]{3,}(ovich|evich|ovna|evna|ievich|ovych|evych|ivna|oglu|ogli|uli|kizi)$/;

interface RawToken {
  text: string;
  vowelless: boolean;
  role: TokenRole;
  afterArticle: boolean;
}

function stripArticle(t: string): string {
  return /^(al|el)[a-z]{3,}$/.test(t) ? t.slice(2) : t;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g' };

function splitRaw(raw: string): RawToken[] {
  const out: RawToken[] = [];
  // "SergeiLavrov": a lower-to-upper change inside a word is a lost space.
  raw = raw.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
  for (let word of raw.normalize('NFC').split(/[\s,;/()[\]"・·]+/)) {
    if (!word) continue;
    // Dotted abbreviations (L.L.C., M.R.O.) are one token, not a row of initials.
    if (/^(\p{L}\.){2,}\p{L}?\.?$/u.test(word)) word = word.replace(/\./g, '');
    for (const piece of transliterateWord(word)) {
      const cleaned = piece.text.replace(/['’‘`ʿʾ´]/g, '').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ');
      for (let t of cleaned.split(' ')) {
        // Digits standing in for letters (Ig0r Sech1n) only when the token is mostly letters.
        if (/[a-z]/.test(t) && /\d/.test(t) && !/^\d+(st|nd|rd|th)$/.test(t)) t = t.replace(/[0134579]/g, (d) => LEET[d] ?? d);
        if (t) out.push({ text: t, vowelless: piece.vowelless, role: 'given', afterArticle: false });
      }
    }
  }
  return out;
}

/** Replaces multi-word organisation types ("joint stock company") by their abbreviation. */
function replaceLegalPhrases(tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  outer: for (let i = 0; i < tokens.length; i++) {
    for (const [phrase, abbreviation] of legalFormPhrases) {
      if (i + phrase.length > tokens.length) continue;
      if (phrase.every((p, k) => tokens[i + k].text === p)) {
        out.push({ ...tokens[i], text: abbreviation });
        i += phrase.length - 1;
        continue outer;
      }
    }
    out.push(tokens[i]);
  }
  return out;
}

/** Joins Abd/Abu prefixes, drops titles/articles/nasab markers and tags kunya, nasab and nisba. */
function parseStructure(tokens: RawToken[], dropped: string[]): RawToken[] {
  const out: RawToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const t = tok.text;
    const rest = tokens.length - i - 1;
    if (titles.has(t) && tokens.length > 1) {
      dropped.push(t);
      continue;
    }
    if (ABD_FORMS.has(t) && rest > 0) {
      let j = i + 1;
      if (ARTICLES.has(tokens[j].text) && j + 1 < tokens.length) j++;
      const next = tokens[j];
      out.push({ ...tok, text: 'abd' + stripArticle(next.text), vowelless: tok.vowelless || next.vowelless });
      i = j;
      continue;
    }
    if (kunyaMarkers.has(t) && rest > 0) {
      let j = i + 1;
      if (ARTICLES.has(tokens[j].text) && j + 1 < tokens.length) j++;
      const next = tokens[j];
      out.push({ ...next, text: 'abu' + stripArticle(next.text), role: 'kunya' });
      i = j;
      continue;
    }
    if (nasabMarkers.has(t) && (t !== 'ben' || i > 0) && tokens.length > 1) {
      dropped.push(t);
      if (rest > 0) tokens[i + 1].role = 'nasab';
      continue;
    }
    if ((particles.has(t) || ARTICLES.has(t)) && tokens.length > 1) {
      dropped.push(t);
      if (rest > 0 && ARTICLES.has(t)) tokens[i + 1].afterArticle = true;
      continue;
    }
    out.push(tok);
  }
  return out;
}

function finishToken(tok: RawToken): NameToken {
  let folded = foldLatinToken(tok.text);
  const joined = ABD_JOINED.exec(folded);
  if (joined && !tokenVariants.has(folded)) folded = 'abd' + stripArticle(joined[2]);
  folded = foldLatinToken(folded);
  const canonical = tokenVariants.get(folded) ?? folded;
  let role = tok.role;
  if (role === 'given' && tok.afterArticle && /[iy]$/.test(tok.text)) role = 'nisba';
  // Slavic and Turkic patronymics are the nasab of those naming systems: often left out of a name.
  const patronymic = role === 'given' && PATRONYMIC.test(canonical);
  if (patronymic) role = 'nasab';
  if (canonical.length === 1 && /[a-z]/.test(canonical)) role = 'initial';
  if (legalForms.has(canonical)) role = 'legal';
  // A kunya is as informative as the name it is built on: Abu Bakr is as common as Bakr.
  let weight = genericWeights.get(canonical) ?? (role === 'kunya' ? genericWeights.get(canonical.slice(3)) : undefined) ?? 1;
  if (role === 'legal') weight = 0.3;
  if (role === 'nisba') weight *= 0.8;
  if (patronymic) weight *= 0.5;
  if (role === 'initial') weight = 0.3;
  if (/^\d+$/.test(canonical)) weight = Math.min(weight, 0.8);
  return {
    text: canonical,
    original: tok.text,
    skeleton: consonantSkeleton(canonical),
    role,
    vowelless: tok.vowelless && !tokenVariants.has(folded),
    weight,
  };
}

// Memo of a pure function: parsing and indexing fold the same published names, and queries repeat.
// Bounded; results are shared, so callers must treat them as read-only.
const memo = new Map<string, NormalizedName>();
const MEMO_LIMIT = 200_000;

/** Folds, transliterates and parses one published or queried name. Pure and deterministic. */
export function normalizeName(raw: string): NormalizedName {
  let hit = memo.get(raw);
  if (!hit) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(raw, (hit = computeNormalizedName(raw)));
  }
  return hit;
}

function computeNormalizedName(raw: string): NormalizedName {
  const dropped: string[] = [];
  const tokens = parseStructure(replaceLegalPhrases(splitRaw(raw)), dropped).map(finishToken);
  return { tokens, particles: dropped, script: detectScript(raw), folded: tokens.map((t) => t.text).join(' ') };
}
