import { ScreeningQueryError } from '../errors';
import type { WatchlistEntry } from '../model';
import { compareNames, type NameComparison } from '../names/compare';
import { normalizeName } from '../names/normalize';
import { retrieveCandidates, type ScreeningIndex } from './candidate-index';
import { birthDateFeature, birthPlaceFeature, identifierFeature, nationalityFeature, prepareQueryFacts, type FeatureExplanation } from './features';
import { MatchQuerySchema, MatchRequestSchema, type MatchQuery, type MatchRequest, type MatchResponse, type MatchResult } from './schemas';

/**
 * The one operating threshold: a result at or above it is a "match" that an analyst must review.
 * Chosen on the name-pairs regression suite and the UN positives / synthetic negatives together
 * (see README); it is the same for name-only comparison and for full scoring.
 */
export const OPERATING_THRESHOLD = 0.72;

/**
 * A published low-quality alias (UN "Low", OFAC weak a.k.a.) is too vague to identify anyone alone:
 * its name score is scaled so that even a perfect hit stays below the threshold unless date of birth,
 * nationality or place of birth corroborate it.
 */
const WEAK_ALIAS_FACTOR = 0.7;
/** How many list names get full scoring per query; retrieval ranks them by shared rare keys. */
const CANDIDATE_NAMES = 60;

export interface MatchOptions {
  limit?: number;
  threshold?: number;
}

const DATASET: Record<WatchlistEntry['source'], string> = { un: 'un_sc_sanctions', ofac: 'us_ofac_sdn', local: 'local' };
const SCHEMA: Record<WatchlistEntry['kind'], MatchResult['schema']> = {
  person: 'Person', organization: 'Organization', vessel: 'Vessel', aircraft: 'Airplane', other: 'Thing',
};

function describeDates(entry: WatchlistEntry): string[] {
  return entry.datesOfBirth.map((d) =>
    d.kind === 'exact' ? d.date! : d.kind === 'range' ? `${d.fromYear}/${d.toYear}` : d.kind === 'circa' ? `~${d.fromYear}` : d.kind === 'text' ? d.text! : String(d.fromYear),
  );
}

const key = (s: string) => s.toUpperCase().replace(/\s+/g, ' ').trim();

function roundScore(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;
}

interface NameHit {
  comparison: NameComparison;
  score: number;
  queryName: string;
  listName: string;
  weak: boolean;
}

/** Scores one parsed query against the index; results sorted best first, deterministic. */
function scoreQuery(index: ScreeningIndex, query: ReturnType<typeof MatchQuerySchema.parse>, options: MatchOptions): MatchResult[] {
  const threshold = options.threshold ?? OPERATING_THRESHOLD;
  const limit = options.limit ?? 5;
  const props = query.properties;
  const queryNames = props.name.map((raw) => ({ raw, normalized: normalizeName(raw) })).filter((n) => n.normalized.tokens.length > 0);
  const best = new Map<number, NameHit>();
  for (const id of retrieveCandidates(index, queryNames.map((n) => n.normalized), CANDIDATE_NAMES)) {
    const listName = index.names[id];
    for (const q of queryNames) {
      const comparison = compareNames(q.normalized, listName.normalized);
      const weak = listName.quality === 'low';
      const score = comparison.score * (weak ? WEAK_ALIAS_FACTOR : 1);
      const prev = best.get(listName.entry);
      if (!prev || score > prev.score) best.set(listName.entry, { comparison, score, queryName: q.raw, listName: listName.full, weak });
    }
  }
  const wantPerson = query.schema === 'Person';
  const facts = prepareQueryFacts(props);
  const ranked: { rank: number; result: MatchResult }[] = [];
  for (const [e, hit] of best) {
    if (hit.score < 0.3) continue;
    const entry = index.entries[e];
    const explanation: FeatureExplanation[] = [
      {
        feature: 'name',
        score: hit.comparison.score,
        weight: hit.weak ? WEAK_ALIAS_FACTOR : 1,
        query: [hit.queryName],
        matched: [hit.listName],
        detail:
          hit.comparison.aligned.map((a) => `${a.query}~${a.candidate} (${a.similarity})`).join(', ') +
          (hit.comparison.unmatchedQuery.length ? `; query only: ${hit.comparison.unmatchedQuery.join(' ')}` : '') +
          (hit.comparison.unmatchedCandidate.length ? `; list only: ${hit.comparison.unmatchedCandidate.join(' ')}` : '') +
          (hit.weak ? '; low-quality alias' : ''),
      },
    ];
    const extra = [
      birthDateFeature(facts, entry),
      nationalityFeature(facts, entry),
      birthPlaceFeature(facts, entry),
      identifierFeature(facts, entry),
    ].filter((f): f is FeatureExplanation => f !== undefined);
    explanation.push(...extra);
    let score = hit.score;
    for (const f of extra) if (f.feature !== 'identifier') score += f.score * f.weight;
    const id = extra.find((f) => f.feature === 'identifier');
    // A shared document number with a plausible name is as strong as evidence gets.
    if (id && hit.score >= 0.5) score = Math.max(score, 0.95);
    // A person query hitting an organisation (or the reverse) is rarely what the analyst is after.
    if (wantPerson !== (entry.kind === 'person') && query.schema !== 'Thing' && query.schema !== 'LegalEntity') score *= 0.8;
    // Ranking uses the unclamped total plus a hair for a verbatim name, so two entries that both
    // saturate at 1 are still ordered by how much evidence each has.
    const rank = score + (key(hit.queryName) === key(hit.listName) ? 0.01 : 0);
    const final = roundScore(score);
    const features: Record<string, number> = {};
    for (const f of explanation) features[f.feature] = roundScore(Math.abs(f.score)) * Math.sign(f.score);
    const aliases = entry.names.slice(1).filter((n) => n.quality === 'good').map((n) => n.full);
    ranked.push({ rank, result: {
      id: entry.id,
      caption: entry.names[0].full,
      schema: SCHEMA[entry.kind],
      properties: {
        name: [entry.names[0].full],
        alias: aliases,
        weakAlias: entry.names.filter((n) => n.quality === 'low').map((n) => n.full),
        birthDate: describeDates(entry),
        birthPlace: entry.placesOfBirth,
        nationality: entry.nationalities,
        idNumber: entry.documents.map((d) => d.number),
        program: entry.programs,
        referenceNumber: entry.references,
      },
      score: final,
      match: final >= threshold,
      features,
      explanation,
      datasets: [DATASET[entry.source]],
      listVersion: entry.listVersion,
    } });
  }
  ranked.sort((a, b) => b.rank - a.rank || a.result.id.localeCompare(b.result.id));
  return ranked.slice(0, limit).map((r) => r.result);
}

/** Screens one FollowTheMoney-style query. Throws ScreeningQueryError on an invalid query. */
export function matchQuery(index: ScreeningIndex, query: MatchQuery, options: MatchOptions = {}): MatchResult[] {
  const parsed = MatchQuerySchema.safeParse(query);
  if (!parsed.success) throw new ScreeningQueryError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return scoreQuery(index, parsed.data, options);
}

/** yente-shaped batch /match: {queries: {key: query}} -> {responses: {key: {results}}}. */
export function match(index: ScreeningIndex, request: MatchRequest, options: MatchOptions = {}): MatchResponse {
  const parsed = MatchRequestSchema.safeParse(request);
  if (!parsed.success) throw new ScreeningQueryError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const limit = options.limit ?? 5;
  const responses: MatchResponse['responses'] = {};
  for (const [key, query] of Object.entries(parsed.data.queries)) {
    const results = scoreQuery(index, query, { ...options, limit });
    responses[key] = { status: 200, results, total: { value: results.length } };
  }
  return { responses, threshold: options.threshold ?? OPERATING_THRESHOLD, limit };
}
