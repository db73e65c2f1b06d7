// 1:N search over an in-memory gallery. A cheap signature score ranks every entry, the best
// `candidates` of them are compared with the full matcher, and the top k are returned.
import type { FingerprintTemplate } from '../types';
import { compareRaw } from '../match/compare';
import { calibrate } from '../match/calibration';
import { prepareTemplate, probeIndexOf, type PreparedTemplate } from '../match/matcher';
import { edgeSignature, SIGNATURE_SIZE } from './signature';

export interface GalleryEntryInfo {
  /** Person the finger belongs to, for ten-print searches. */
  subjectId?: string;
  /** ISO/ANSI finger position code (1–10), 0 or absent if unknown. */
  fingerPosition?: number;
}

export interface SearchHit {
  id: string;
  score: number;
  subjectId?: string;
  fingerPosition?: number;
}

export interface SearchOptions {
  /** Hits to return (default 10). */
  topK?: number;
  /** Entries passed from the prefilter to the full matcher (default: max(200, 1 % of the gallery)). */
  candidates?: number;
  /** Compare against every entry (no prefilter); for measuring the prefilter's recall. */
  exhaustive?: boolean;
  /** Only entries with this finger position (or unknown position). */
  fingerPosition?: number;
}

export class DuplicateGalleryIdError extends Error {
  constructor(readonly id: string) {
    super(`gallery already holds an entry with id ${JSON.stringify(id)}`);
    this.name = 'DuplicateGalleryIdError';
  }
}

export class FingerprintGallery {
  private ids: string[] = [];
  private info: GalleryEntryInfo[] = [];
  private templates: PreparedTemplate[] = [];
  /** Signatures quantised to signed bytes (×127): a quarter of the memory the prefilter streams per search. */
  private signatures = new Int8Array(1024 * SIGNATURE_SIZE);
  private sum = new Float64Array(SIGNATURE_SIZE);
  private readonly slot = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.slot.has(id);
  }

  add(id: string, template: FingerprintTemplate | PreparedTemplate, info: GalleryEntryInfo = {}): void {
    if (this.slot.has(id)) throw new DuplicateGalleryIdError(id);
    const prepared = prepareTemplate(template);
    const k = this.ids.length;
    if ((k + 1) * SIGNATURE_SIZE > this.signatures.length) {
      const grown = new Int8Array(this.signatures.length * 2);
      grown.set(this.signatures);
      this.signatures = grown;
    }
    const sig = edgeSignature(prepared);
    for (let d = 0; d < SIGNATURE_SIZE; d++) {
      const q = Math.round(sig[d] * 127);
      this.signatures[k * SIGNATURE_SIZE + d] = q;
      this.sum[d] += q;
    }
    this.ids.push(id);
    this.info.push(info);
    this.templates.push(prepared);
    this.slot.set(id, k);
  }

  remove(id: string): boolean {
    const k = this.slot.get(id);
    if (k === undefined) return false;
    const last = this.ids.length - 1;
    for (let d = 0; d < SIGNATURE_SIZE; d++) this.sum[d] -= this.signatures[k * SIGNATURE_SIZE + d];
    if (k !== last) {
      this.ids[k] = this.ids[last];
      this.info[k] = this.info[last];
      this.templates[k] = this.templates[last];
      this.signatures.copyWithin(k * SIGNATURE_SIZE, last * SIGNATURE_SIZE, (last + 1) * SIGNATURE_SIZE);
      this.slot.set(this.ids[k], k);
    }
    this.ids.pop();
    this.info.pop();
    this.templates.pop();
    this.slot.delete(id);
    return true;
  }

  search(probe: FingerprintTemplate | PreparedTemplate, options: SearchOptions = {}): SearchHit[] {
    const n = this.ids.length;
    const topK = Math.max(1, options.topK ?? 10);
    const p = prepareTemplate(probe);
    const index = probeIndexOf(p);
    const eligible = (k: number): boolean => {
      const pos = options.fingerPosition;
      const own = this.info[k].fingerPosition;
      return !pos || !own || own === pos;
    };
    let shortlist: number[];
    const wanted = options.candidates ?? Math.max(200, Math.ceil(n * 0.003));
    if (options.exhaustive || n <= wanted) {
      shortlist = [];
      for (let k = 0; k < n; k++) if (eligible(k)) shortlist.push(k);
    } else {
      shortlist = this.prefilter(edgeSignature(p), wanted, eligible);
    }
    const hits: Array<{ k: number; raw: number }> = [];
    for (const k of shortlist) hits.push({ k, raw: compareRaw(p, index, this.templates[k]).raw });
    hits.sort((a, b) => b.raw - a.raw || (this.ids[a.k] < this.ids[b.k] ? -1 : 1));
    return hits.slice(0, topK).map(({ k, raw }) => ({ id: this.ids[k], score: calibrate(raw), ...this.info[k] }));
  }

  /** Rank entries by signature similarity after removing the gallery's mean signature (what every finger shares). */
  private prefilter(sig: Float32Array, wanted: number, eligible: (k: number) => boolean): number[] {
    const n = this.ids.length;
    const q = new Float32Array(SIGNATURE_SIZE);
    // Stored values are ×127; the common factor does not change the ranking.
    for (let d = 0; d < SIGNATURE_SIZE; d++) q[d] = sig[d] - this.sum[d] / (127 * n);
    const sims = new Float32Array(n);
    const s = this.signatures;
    for (let k = 0, o = 0; k < n; k++, o += SIGNATURE_SIZE) {
      let acc = 0;
      for (let d = 0; d < SIGNATURE_SIZE; d++) acc += q[d] * s[o + d];
      sims[k] = acc;
    }
    const cut = kthLargest(sims.slice(), Math.min(wanted, n));
    const out: number[] = [];
    for (let k = 0; k < n && out.length < wanted; k++) if (sims[k] >= cut && eligible(k)) out.push(k);
    return out;
  }

  /** Every entry of the gallery with its finger metadata (for persistence by the caller). */
  entries(): Array<{ id: string } & GalleryEntryInfo> {
    return this.ids.map((id, k) => ({ id, ...this.info[k] }));
  }
}

/** The k-th largest value (k ≥ 1) by in-place quickselect (Hoare partition, middle pivot): linear time on average. */
export function kthLargest(a: Float32Array, k: number): number {
  let lo = 0, hi = a.length - 1;
  const target = a.length - k;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target];
}
