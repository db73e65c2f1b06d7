import { jaroWinkler } from './jaro-winkler';
import { consonantSkeleton } from './latin-fold';
import type { NameToken, NormalizedName } from './normalize';

/** Ceiling for names that share a single informative part: kept below the operating threshold. */
const SINGLE_PART_CAP = 0.65;

/** Below this token similarity two tokens are not considered the same name part. */
const MIN_TOKEN_SIMILARITY = 0.72;

export interface TokenAlignment {
  query: string;
  candidate: string;
  similarity: number;
}

export interface NameComparison {
  score: number;
  aligned: TokenAlignment[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
}

export type TokenWeight = (token: NameToken) => number;
const priorWeight: TokenWeight = (t) => t.weight;

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal-string-alignment distance: Levenshtein plus adjacent transposition (Marcon/Macron is one slip). */
function osaDistance(a: string, b: string): number {
  const n = b.length;
  if (n + 1 > rowA.length) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA, prev = rowB, cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** Edit-distance and Jaro-Winkler averaged: JW alone forgives long shared prefixes (Ronaldo/Ronaldinho). */
function spellingSimilarity(a: string, b: string): number {
  const lev = 1 - osaDistance(a, b) / Math.max(a.length, b.length);
  return 0.6 * jaroWinkler(a, b) + 0.4 * lev;
}

/** Similarity of two name parts, 0..1, on folded forms; vowel-less transliterations compare by skeleton. */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return 1;
  if (a.role === 'initial' || b.role === 'initial') {
    const [initial, other] = a.role === 'initial' ? [a, b] : [b, a];
    return other.role !== 'initial' && other.text.startsWith(initial.text) ? 0.85 : 0;
  }
  if (/\d/.test(a.text) || /\d/.test(b.text)) return 0;
  // Lengths this far apart cannot reach the alignment floor; skip the string work.
  if (!a.vowelless && !b.vowelless && Math.abs(a.text.length - b.text.length) * 2 > Math.max(a.text.length, b.text.length)) return 0;
  // Both written in the same consonantal script: their romanisations follow the same rules.
  if (a.vowelless && b.vowelless) return spellingSimilarity(a.text, b.text);
  if (a.vowelless || b.vowelless) {
    if (a.skeleton === b.skeleton && a.skeleton.length >= 2) return 0.93;
    return spellingSimilarity(a.skeleton, b.skeleton) * 0.9;
  }
  let s = spellingSimilarity(a.text, b.text);
  if (a.skeleton === b.skeleton && a.skeleton.length >= 3 && (a.text[0] === b.text[0] || a.skeleton.length >= 4)) s = Math.max(s, 0.9);
  return s;
}

/** Maps a raw token similarity to evidence: near-identical counts (almost) fully, borderline little. */
function evidence(similarity: number): number {
  if (similarity >= 0.999) return 1;
  if (similarity >= 0.9) return 0.9 + (similarity - 0.9);
  return Math.max(0, ((similarity - MIN_TOKEN_SIMILARITY) / (0.9 - MIN_TOKEN_SIMILARITY)) * 0.9);
}

function joinTokens(a: NameToken, b: NameToken): NameToken {
  const text = a.text + b.text;
  return { ...a, text, original: a.original + b.original, skeleton: consonantSkeleton(text), weight: Math.max(a.weight, b.weight) };
}

/** "Mohammadhasni" vs "Mohammad Hasni", "Goodwill" vs "Good Will": merge adjacent tokens that spell a token of the other name. */
function mergeSplitTokens(side: NameToken[], other: NameToken[]): NameToken[] {
  if (side.length < 2) return side;
  const out: NameToken[] = [];
  for (let i = 0; i < side.length; i++) {
    if (i + 1 < side.length && side[i].text.length >= 2 && side[i + 1].text.length >= 2 && !other.some((o) => o.text === side[i].text || o.text === side[i + 1].text)) {
      const joinedText = side[i].text + side[i + 1].text;
      const fits = (o: NameToken) =>
        o.text.length >= 5 && o.text[0] === joinedText[0] && Math.abs(o.text.length - joinedText.length) <= 2 && spellingSimilarity(joinedText, o.text) >= 0.92;
      if (joinedText.length >= 5 && other.some(fits)) {
        out.push(joinTokens(side[i], side[i + 1]));
        i++;
        continue;
      }
    }
    out.push(side[i]);
  }
  return out;
}

/**
 * Order-insensitive comparison of two normalised names. Tokens are aligned greedily by similarity;
 * the score is the weighted coverage of the name with fewer (weighted) tokens, discounted mildly by
 * what the longer name leaves unexplained and strongly when both names keep a part the other lacks
 * (two different people sharing a father's name), so partial names still find the listed name while
 * one shared first name does not.
 */
export function compareNames(query: NormalizedName, candidate: NormalizedName, weightOf: TokenWeight = priorWeight): NameComparison {
  const q = mergeSplitTokens(query.tokens, candidate.tokens);
  const c = mergeSplitTokens(candidate.tokens, q);
  if (q.length === 0 || c.length === 0) return { score: 0, aligned: [], unmatchedQuery: q.map((t) => t.original), unmatchedCandidate: c.map((t) => t.original) };
  const pairs: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < c.length; j++) {
      const s = tokenSimilarity(q[i], c[j]);
      if (s >= MIN_TOKEN_SIMILARITY) pairs.push({ i, j, s });
    }
  }
  // Deterministic: ties broken by position (which also prefers keeping the published order).
  pairs.sort((x, y) => y.s - x.s || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i || x.j - y.j);
  const usedQ = new Uint8Array(q.length);
  const usedC = new Uint8Array(c.length);
  const aligned: TokenAlignment[] = [];
  const qHasNasab = q.some((t) => t.role === 'nasab');
  const cHasNasab = c.some((t) => t.role === 'nasab');
  let matchedQ = 0, matchedC = 0, informative = 0, weakConflict = 0;
  for (const p of pairs) {
    if (usedQ[p.i] || usedC[p.j]) continue;
    usedQ[p.i] = 1;
    usedC[p.j] = 1;
    let e = evidence(p.s);
    // A poor alignment (Mohamed~Ahmed) is closer to a contradiction than to agreement.
    if (e < 0.5) weakConflict += (0.5 - e) * Math.max(0.5, Math.min(weightOf(q[p.i]), weightOf(c[p.j])));
    // "Salman bin Muhammad" is the son of "Muhammad bin Salman": a given name aligned to a father's name.
    if (qHasNasab && cHasNasab && (q[p.i].role === 'nasab') !== (c[p.j].role === 'nasab')) e *= 0.5;
    const wq = weightOf(q[p.i]);
    const wc = weightOf(c[p.j]);
    matchedQ += e * wq;
    matchedC += e * wc;
    if (e > 0.5) informative += Math.min(wq, wc);
    aligned.push({ query: q[p.i].original, candidate: c[p.j].original, similarity: Math.round(p.s * 1000) / 1000 });
  }
  let totalQ = 0, totalC = 0, restQ = 0, restC = 0;
  q.forEach((t, i) => {
    const w = weightOf(t);
    totalQ += w;
    if (!usedQ[i]) restQ += w;
  });
  c.forEach((t, j) => {
    const w = weightOf(t);
    totalC += w;
    if (!usedC[j]) restC += w;
  });
  const covQ = totalQ > 0 ? matchedQ / totalQ : 0;
  const covC = totalC > 0 ? matchedC / totalC : 0;
  const [covShort, covLong, totalShort] = totalQ <= totalC ? [covQ, covC, totalQ] : [covC, covQ, totalC];
  let score = covShort * Math.pow(covLong, 0.35);
  // Leftover parts on both sides that do not even look alike are the strongest sign of two people;
  // a different given name counts even when it is a common one (Mohamed vs Ahmed).
  // A different father's name (nasab) marks a different man even more clearly: brothers share the rest.
  const conflictWeight = (t: NameToken) => Math.max(weightOf(t), t.role === 'nasab' ? 0.9 : 0.6);
  let conflict = weakConflict;
  if (restQ > 0 && restC > 0) {
    let weighted = 0;
    let otherSide = 0;
    q.forEach((t, i) => {
      if (usedQ[i]) return;
      let best = 0;
      c.forEach((o, j) => {
        if (!usedC[j]) best = Math.max(best, tokenSimilarity(t, o));
      });
      weighted += conflictWeight(t) * (1 - Math.min(1, Math.max(0, (best - 0.4) / 0.4)));
    });
    c.forEach((t, j) => {
      if (!usedC[j]) otherSide += conflictWeight(t);
    });
    conflict += Math.min(weighted, otherSide);
  }
  if (conflict > 0) score *= Math.max(0, 1 - (0.8 * conflict) / totalShort);
  // A name made only of very common parts ("Abu Bakr", "Muhammad") cannot identify anyone alone.
  let matchedInfo = 0;
  q.forEach((t, i) => {
    if (usedQ[i]) matchedInfo += weightOf(t);
  });
  if (matchedInfo < 1) score *= 0.4 + 0.6 * matchedInfo;
  // One shared name part is not an identification while the other name has more to say.
  if (informative < 1.2 && Math.max(restQ, restC) >= 0.5) score = Math.min(score, SINGLE_PART_CAP);
  return {
    score: Math.round(score * 10000) / 10000,
    aligned,
    unmatchedQuery: q.filter((_, i) => !usedQ[i]).map((t) => t.original),
    unmatchedCandidate: c.filter((_, j) => !usedC[j]).map((t) => t.original),
  };
}
