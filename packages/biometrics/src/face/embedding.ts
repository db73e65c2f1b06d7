// A face embedding always travels with the id of the model that made it, so a stored
// vector can never be scored against one from a different model.
import { FaceEmbeddingError, FaceModelMismatchError } from './errors';

export interface FaceEmbedding {
  /** e.g. "faceapi-resnet128@1.7.15"; compared verbatim. */
  readonly modelId: string;
  /** Unit length (L2-normalised) so cosine similarity is a dot product. */
  readonly vector: Float32Array;
}

/** Copy and L2-normalise; rejects non-finite values and zero vectors. */
export function normaliseVector(values: ArrayLike<number>, where: string): Float32Array {
  const out = new Float32Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new FaceEmbeddingError(where, `value ${i} is not finite`);
    out[i] = v;
    sum += v * v;
  }
  if (sum === 0) throw new FaceEmbeddingError(where, 'zero vector');
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * inv;
  return out;
}

export function assertSameModel(expected: string, actual: string, where: string): void {
  if (expected !== actual) throw new FaceModelMismatchError(expected, actual, where);
}

/** Cosine similarity in [-1, 1]; throws FaceModelMismatchError across models. */
export function compareFaceEmbeddings(a: FaceEmbedding, b: FaceEmbedding): number {
  assertSameModel(a.modelId, b.modelId, 'compareFaceEmbeddings');
  if (a.vector.length !== b.vector.length) {
    throw new FaceEmbeddingError('compareFaceEmbeddings', `lengths ${a.vector.length} and ${b.vector.length} differ`);
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.vector.length; i++) {
    const x = a.vector[i]!;
    const y = b.vector[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}
