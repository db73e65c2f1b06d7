// Typed failures of the face engine: callers branch on the class and read the fields,
// never parse messages.

/** The bytes handed in are not an image the decoder can read (or are empty / too large). */
export class FaceImageError extends Error {
  constructor(
    readonly reason: 'empty' | 'undecodable' | 'too-large',
    readonly detail: string,
  ) {
    super(`face image ${reason}: ${detail}`);
    this.name = 'FaceImageError';
  }
}

/**
 * Two embeddings (or an embedding and a gallery) come from different models. Scores across
 * models mean nothing, so a comparison is refused rather than answered wrongly.
 */
export class FaceModelMismatchError extends Error {
  constructor(
    readonly expectedModelId: string,
    readonly actualModelId: string,
    readonly where: string,
  ) {
    super(`${where}: embedding model ${actualModelId} does not match ${expectedModelId}`);
    this.name = 'FaceModelMismatchError';
  }
}

/** A vector of the wrong length, a non-finite value, or a zero vector. */
export class FaceEmbeddingError extends Error {
  constructor(
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
    this.name = 'FaceEmbeddingError';
  }
}

/** Serialised gallery bytes that are truncated, from another format, or inconsistent. */
export class FaceGalleryFormatError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(`face gallery bytes at offset ${offset}: ${detail}`);
    this.name = 'FaceGalleryFormatError';
  }
}

/** Model weights missing or unreadable, or the inference runtime failed to start. */
export class FaceModelLoadError extends Error {
  constructor(
    readonly asset: string,
    readonly detail: string,
  ) {
    super(`face model asset ${asset}: ${detail}`);
    this.name = 'FaceModelLoadError';
  }
}
