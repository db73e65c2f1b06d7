// Face: detection, landmarks, alignment, quality, embeddings and gallery search.
export { createFaceEngine } from './engine';
export type { FaceDetectorChoice, FaceBox, DetectedFace, EmbeddedFace, FaceDetectionResult, FaceEmbeddingResult, FaceEngine, FaceEngineOptions } from './engine';
export { createFaceApiResnetEmbedder, FACEAPI_RESNET128_ID } from './embedder';
export type { FaceEmbedder } from './embedder';
export type { AlignedFace, Point } from './align';
export { compareFaceEmbeddings } from './embedding';
export type { FaceEmbedding } from './embedding';
export { FaceGallery } from './gallery';
export type { FaceGalleryMatch, FaceGalleryOptions, FaceSearchOptions } from './gallery';
export { QUALITY_LIMITS } from './quality';
export type { FaceQuality, FaceQualityIssue } from './quality';
export { readBundledFaceModelAssets } from './bundled-assets';
export type { FaceModelAssets } from './faceapi-runtime';
export { FaceEmbeddingError, FaceGalleryFormatError, FaceImageError, FaceModelLoadError, FaceModelMismatchError } from './errors';
