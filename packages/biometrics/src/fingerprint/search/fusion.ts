// Person-level decision from several fingers. Each finger's score is −log10 of the chance that an
// impostor finger scores that high; for independent fingers the chance that all of them do is the
// product, so the fused score is the sum. Fingers not compared contribute nothing.
import type { FingerprintGallery, SearchHit } from './gallery';
import type { FingerprintTemplate } from '../types';

export interface TenPrintDecision {
  /** Sum of per-finger scores = −log10 of the joint impostor probability under independence. */
  score: number;
  fingersCompared: number;
  match: boolean;
}

/** Default person-level threshold: one in ten million joint impostor probability. */
export const DEFAULT_TENPRINT_THRESHOLD = 7;

export function fuseTenPrint(fingerScores: ReadonlyArray<number | undefined>, threshold = DEFAULT_TENPRINT_THRESHOLD): TenPrintDecision {
  let score = 0, fingersCompared = 0;
  for (const s of fingerScores) {
    if (s === undefined || Number.isNaN(s)) continue;
    if (s < 0) throw new RangeError(`finger score ${s} is negative; scores are −log10(FMR) ≥ 0`);
    score += s;
    fingersCompared++;
  }
  return { score, fingersCompared, match: score >= threshold };
}

export interface SubjectCandidate extends TenPrintDecision {
  subjectId: string;
  /** Best hit per finger position searched. */
  fingers: Record<number, SearchHit>;
}

/**
 * Search each probe finger in a gallery whose entries carry subjectId and fingerPosition, then fuse
 * per subject the best score of each position. Returns subjects best first.
 */
export function searchTenPrint(
  gallery: FingerprintGallery,
  probes: ReadonlyMap<number, FingerprintTemplate>,
  options: { topK?: number; perFingerCandidates?: number; threshold?: number } = {},
): SubjectCandidate[] {
  const bySubject = new Map<string, Record<number, SearchHit>>();
  for (const [position, template] of probes) {
    const hits = gallery.search(template, { topK: options.perFingerCandidates ?? 20, fingerPosition: position });
    for (const hit of hits) {
      if (!hit.subjectId) continue;
      const fingers = bySubject.get(hit.subjectId) ?? {};
      if (!fingers[position] || fingers[position].score < hit.score) fingers[position] = hit;
      bySubject.set(hit.subjectId, fingers);
    }
  }
  const out: SubjectCandidate[] = [];
  for (const [subjectId, fingers] of bySubject) {
    out.push({ subjectId, fingers, ...fuseTenPrint(Object.values(fingers).map((h) => h.score), options.threshold) });
  }
  out.sort((a, b) => b.score - a.score || (a.subjectId < b.subjectId ? -1 : 1));
  return out.slice(0, options.topK ?? 10);
}
