// In-memory face gallery: exact top-k cosine search over one contiguous float32 matrix,
// with an optional HNSW index (usearch) for galleries too large for a linear scan.
// The server persists `serialize()` bytes (or rebuilds from its database with `add`).
import usearch, { type Index, type Matches } from 'usearch';
import { assertSameModel, normaliseVector, type FaceEmbedding } from './embedding';
import { FaceEmbeddingError } from './errors';
import { decodeGallery, encodeGallery } from './gallery-codec';

export interface FaceGalleryOptions {
  modelId: string;
  dimensions: number;
  /** Keep an approximate (HNSW) index beside the exact matrix; search({approximate:true}) uses it. */
  approximate?: { connectivity?: number; expansionAdd?: number; expansionSearch?: number };
}

export interface FaceGalleryMatch {
  id: string;
  /** Cosine similarity, higher is more alike. */
  score: number;
}

export interface FaceSearchOptions {
  /** Use the HNSW index (needs `approximate` in the gallery options). Default: exact scan. */
  approximate?: boolean;
}

const INITIAL_CAPACITY = 1024;

export class FaceGallery {
  readonly modelId: string;
  readonly dimensions: number;
  private matrix: Float32Array;
  private ids: string[] = [];
  private rowOf = new Map<string, number>();
  private readonly approximate: FaceGalleryOptions['approximate'];
  /** Built in bulk on first approximate search, then kept in step by add/remove. */
  private hnsw: { index: Index; keyOf: Map<string, bigint>; idOf: Map<bigint, string>; next: bigint } | undefined;

  constructor(options: FaceGalleryOptions) {
    if (!Number.isInteger(options.dimensions) || options.dimensions < 1 || options.dimensions > 65535) {
      throw new FaceEmbeddingError('FaceGallery', `dimensions ${options.dimensions} must be an integer in 1..65535`);
    }
    if (options.modelId.length === 0) throw new FaceEmbeddingError('FaceGallery', 'modelId is empty');
    this.modelId = options.modelId;
    this.dimensions = options.dimensions;
    this.matrix = new Float32Array(INITIAL_CAPACITY * options.dimensions);
    this.approximate = options.approximate;
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /** Adds or replaces the embedding stored under `id`. */
  add(id: string, embedding: FaceEmbedding): void {
    assertSameModel(this.modelId, embedding.modelId, `FaceGallery.add(${id})`);
    const vector = this.checkedVector(embedding.vector, `FaceGallery.add(${id})`);
    if (this.rowOf.has(id)) this.remove(id);
    this.appendRow(id, vector);
    if (this.hnsw) {
      const key = this.hnsw.next;
      this.hnsw.next += 1n;
      this.hnsw.index.add(key, vector, 1);
      this.hnsw.keyOf.set(id, key);
      this.hnsw.idOf.set(key, id);
    }
  }

  /** Removes `id`; returns false when it was not there. */
  remove(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    // Move the last row into the hole so the matrix stays dense for the linear scan.
    const last = this.ids.length - 1;
    const d = this.dimensions;
    if (row !== last) {
      this.matrix.copyWithin(row * d, last * d, (last + 1) * d);
      const moved = this.ids[last]!;
      this.ids[row] = moved;
      this.rowOf.set(moved, row);
    }
    this.ids.pop();
    this.rowOf.delete(id);
    if (this.hnsw) {
      const key = this.hnsw.keyOf.get(id)!;
      this.hnsw.index.remove(key);
      this.hnsw.keyOf.delete(id);
      this.hnsw.idOf.delete(key);
    }
    return true;
  }

  /** Top-k most similar entries, best first. */
  search(query: FaceEmbedding, k: number, options: FaceSearchOptions = {}): FaceGalleryMatch[] {
    assertSameModel(this.modelId, query.modelId, 'FaceGallery.search');
    if (!Number.isInteger(k) || k < 1) throw new FaceEmbeddingError('FaceGallery.search', `k ${k} must be a positive integer`);
    // A fresh array: the native search reads from the start of the underlying buffer.
    const q = this.checkedVector(query.vector, 'FaceGallery.search');
    const n = this.ids.length;
    if (n === 0) return [];
    const want = Math.min(k, n);
    if (options.approximate) {
      if (!this.approximate) throw new FaceEmbeddingError('FaceGallery.search', 'gallery was created without the approximate option');
      const hnsw = this.buildApproximateIndex();
      const found = hnsw.index.search(q, want, 1);
      const out: FaceGalleryMatch[] = [];
      for (let i = 0; i < found.keys.length; i++) {
        const id = hnsw.idOf.get(found.keys[i]!);
        if (id !== undefined) out.push({ id, score: 1 - found.distances[i]! });
      }
      return out;
    }
    const dataset = this.matrix.subarray(0, n * this.dimensions);
    const found = usearch.exactSearch(dataset, q, this.dimensions, want, usearch.MetricKind.IP, 1) as Matches;
    const out: FaceGalleryMatch[] = [];
    for (let i = 0; i < want; i++) out.push({ id: this.ids[Number(found.keys[i]!)]!, score: 1 - found.distances[i]! });
    return out;
  }

  /**
   * Builds the HNSW index over everything added so far (all cores, one bulk insert); later
   * adds and removes keep it current. Called by the first approximate search if not before.
   */
  buildApproximateIndex(threads = 0): NonNullable<FaceGallery['hnsw']> {
    if (this.hnsw) return this.hnsw;
    if (!this.approximate) throw new FaceEmbeddingError('FaceGallery.buildApproximateIndex', 'gallery was created without the approximate option');
    const a = this.approximate;
    const index = new usearch.Index({
      dimensions: this.dimensions,
      metric: usearch.MetricKind.IP,
      quantization: usearch.ScalarKind.F32,
      connectivity: a.connectivity ?? 16,
      expansion_add: a.expansionAdd ?? 64,
      expansion_search: a.expansionSearch ?? 128,
      multi: false,
    });
    const n = this.ids.length;
    const keys = new BigUint64Array(n);
    for (let i = 0; i < n; i++) keys[i] = BigInt(i);
    if (n > 0) index.add(keys, this.matrix.slice(0, n * this.dimensions), threads);
    const hnsw = { index, keyOf: new Map<string, bigint>(), idOf: new Map<bigint, string>(), next: BigInt(n) };
    this.ids.forEach((id, i) => {
      hnsw.keyOf.set(id, keys[i]!);
      hnsw.idOf.set(keys[i]!, id);
    });
    this.hnsw = hnsw;
    return hnsw;
  }

  /** The stored (unit) vector for `id`, as a copy. */
  get(id: string): FaceEmbedding | undefined {
    const row = this.rowOf.get(id);
    if (row === undefined) return undefined;
    const d = this.dimensions;
    return { modelId: this.modelId, vector: this.matrix.slice(row * d, (row + 1) * d) };
  }

  entryIds(): readonly string[] {
    return [...this.ids];
  }

  serialize(): Uint8Array {
    return encodeGallery(this.modelId, this.dimensions, this.ids, this.matrix.subarray(0, this.ids.length * this.dimensions));
  }

  static deserialize(bytes: Uint8Array, options: Pick<FaceGalleryOptions, 'approximate'> = {}): FaceGallery {
    const decoded = decodeGallery(bytes);
    const gallery = new FaceGallery({ modelId: decoded.modelId, dimensions: decoded.dimensions, approximate: options.approximate });
    // Bulk load: the codec has checked ids are unique and values finite; rows are re-normalised
    // so a gallery written by an older build with unnormalised rows still scores as cosine.
    const d = decoded.dimensions;
    const n = decoded.ids.length;
    gallery.matrix = new Float32Array(Math.max(INITIAL_CAPACITY, n) * d);
    for (let i = 0; i < n; i++) {
      const where = `FaceGallery.deserialize(${decoded.ids[i]!})`;
      gallery.matrix.set(normaliseVector(decoded.vectors.subarray(i * d, (i + 1) * d), where), i * d);
      gallery.ids.push(decoded.ids[i]!);
      gallery.rowOf.set(decoded.ids[i]!, i);
    }
    return gallery;
  }

  private checkedVector(vector: Float32Array, where: string): Float32Array {
    if (vector.length !== this.dimensions) {
      throw new FaceEmbeddingError(where, `vector has ${vector.length} values, gallery holds ${this.dimensions}`);
    }
    return normaliseVector(vector, where);
  }

  private appendRow(id: string, vector: Float32Array): void {
    const d = this.dimensions;
    const row = this.ids.length;
    if ((row + 1) * d > this.matrix.length) {
      const grown = new Float32Array(this.matrix.length * 2);
      grown.set(this.matrix);
      this.matrix = grown;
    }
    this.matrix.set(vector, row * d);
    this.ids.push(id);
    this.rowOf.set(id, row);
  }
}
