// Face engine: bytes in, faces out (box, landmarks, quality, embedding).
// Detection: face-api SSD MobileNet v1; landmarks: face-api 68-point net; alignment: align.ts;
// embedding: a pluggable FaceEmbedder (default face-api ResNet 128-d).
import { alignFace, type Point } from './align';
import { readBundledFaceModelAssets } from './bundled-assets';
import { decodeRgb, type RgbImage } from './decode-image';
import { createFaceApiResnetEmbedder, type FaceEmbedder } from './embedder';
import { normaliseVector, type FaceEmbedding } from './embedding';
import { ensureBackend, faceapi, FACEAPI_MANIFESTS, loadNet, tf, type FaceModelAssets } from './faceapi-runtime';
import { assessQuality, type FaceQuality } from './quality';

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Coordinates are in pixels of the source image as given (after EXIF orientation). */
export interface DetectedFace {
  box: FaceBox;
  /** 68 points, iBUG layout. */
  landmarks: Point[];
  quality: FaceQuality;
}

export interface EmbeddedFace extends DetectedFace {
  embedding: FaceEmbedding;
}

export interface FaceDetectionResult {
  width: number;
  height: number;
  /** Largest face first. */
  faces: DetectedFace[];
}

export interface FaceEmbeddingResult {
  width: number;
  height: number;
  modelId: string;
  /** Largest face first. */
  faces: EmbeddedFace[];
}

export type FaceDetectorChoice = 'ssd' | 'tiny' | 'tiny-then-ssd';

export interface FaceEngineOptions {
  /** Weight files by name; default: the ones shipped in @vladmandic/face-api. */
  assets?: FaceModelAssets;
  /** Build the embedding model from the loaded assets; default face-api ResNet 128-d. */
  embedder?: (assets: FaceModelAssets) => FaceEmbedder;
  /**
   * 'ssd' (SSD MobileNet v1, default): finds small and turned faces; ~250 ms on one core.
   * 'tiny' (Tiny Face Detector, 416 px): ~5× faster, misses more small or profile faces.
   * 'tiny-then-ssd': tiny first, SSD only when tiny finds no face.
   */
  detector?: FaceDetectorChoice;
  /** Detector confidence below which a candidate is dropped (default 0.5). */
  minDetectionScore?: number;
  /** Long side the image is shrunk to before detection (default 1024 px). */
  maxImageSide?: number;
  /** At most this many faces per image, largest first (default 20). */
  maxFaces?: number;
}

export interface FaceEngine {
  readonly modelId: string;
  readonly dimensions: number;
  detect(bytes: Uint8Array): Promise<FaceDetectionResult>;
  embed(bytes: Uint8Array): Promise<FaceEmbeddingResult>;
}

function detectWithLandmarks(input: unknown, options: faceapi.SsdMobilenetv1Options | faceapi.TinyFaceDetectorOptions) {
  return faceapi.detectAllFaces(input as never, options).withFaceLandmarks();
}

function checkOptions(options: FaceEngineOptions): void {
  const bad = (name: string, value: unknown, want: string) => {
    throw new RangeError(`createFaceEngine: ${name} ${JSON.stringify(value)} must be ${want}`);
  };
  const { minDetectionScore: score, maxImageSide: side, maxFaces, detector } = options;
  if (score !== undefined && !(score > 0 && score < 1)) bad('minDetectionScore', score, 'between 0 and 1');
  if (side !== undefined && !(Number.isInteger(side) && side >= 160)) bad('maxImageSide', side, 'an integer ≥ 160');
  if (maxFaces !== undefined && !(Number.isInteger(maxFaces) && maxFaces >= 1)) bad('maxFaces', maxFaces, 'a positive integer');
  if (detector !== undefined && !['ssd', 'tiny', 'tiny-then-ssd'].includes(detector)) bad('detector', detector, 'ssd, tiny or tiny-then-ssd');
}

export async function createFaceEngine(options: FaceEngineOptions = {}): Promise<FaceEngine> {
  checkOptions(options);
  const assets = options.assets ?? (await readBundledFaceModelAssets());
  await ensureBackend();
  const detector = options.detector ?? 'ssd';
  if (detector !== 'tiny') loadNet(faceapi.nets.ssdMobilenetv1, FACEAPI_MANIFESTS.detector, assets);
  if (detector !== 'ssd') loadNet(faceapi.nets.tinyFaceDetector, FACEAPI_MANIFESTS.tinyDetector, assets);
  loadNet(faceapi.nets.faceLandmark68Net, FACEAPI_MANIFESTS.landmarks, assets);
  const embedder = (options.embedder ?? createFaceApiResnetEmbedder)(assets);
  const minScore = options.minDetectionScore ?? 0.5;
  const maxSide = options.maxImageSide ?? 1024;
  const maxFaces = options.maxFaces ?? 20;
  const ssdOptions = new faceapi.SsdMobilenetv1Options({ minConfidence: minScore, maxResults: maxFaces });
  const tinyOptions = new faceapi.TinyFaceDetectorOptions({ scoreThreshold: minScore, inputSize: 416 });
  const passes = detector === 'ssd' ? [ssdOptions] : detector === 'tiny' ? [tinyOptions] : [tinyOptions, ssdOptions];

  async function analyse(bytes: Uint8Array, withEmbedding: boolean): Promise<{ image: RgbImage; faces: EmbeddedFace[] }> {
    const image = await decodeRgb(bytes, maxSide);
    const input = tf.tensor3d(new Int32Array(image.data), [image.height, image.width, 3], 'int32');
    let found: Array<{ score: number; box: FaceBox; landmarks: Point[] }>;
    try {
      let results: Awaited<ReturnType<typeof detectWithLandmarks>> = [];
      for (const pass of passes) {
        results = await detectWithLandmarks(input, pass);
        if (results.length > 0) break;
      }
      found = results.map((r) => ({
        score: r.detection.score,
        box: { x: r.detection.box.x, y: r.detection.box.y, width: r.detection.box.width, height: r.detection.box.height },
        landmarks: r.landmarks.positions.map((p) => ({ x: p.x, y: p.y })),
      }));
    } finally {
      input.dispose();
    }
    found.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    found.splice(maxFaces);
    const s = image.scale;
    const faces: EmbeddedFace[] = [];
    for (const f of found) {
      const aligned = alignFace(image, f.landmarks, embedder.cropSize);
      const quality = assessQuality({ landmarks: f.landmarks, aligned, sourceScale: s, detectionScore: f.score, facesInImage: found.length });
      const face = {
        box: { x: f.box.x * s, y: f.box.y * s, width: f.box.width * s, height: f.box.height * s },
        landmarks: f.landmarks.map((p) => ({ x: p.x * s, y: p.y * s })),
        quality,
      } as EmbeddedFace;
      if (withEmbedding) {
        const raw = await embedder.embed(aligned);
        face.embedding = { modelId: embedder.modelId, vector: normaliseVector(raw, 'face embedding') };
      }
      faces.push(face);
    }
    return { image, faces };
  }

  const sourceSize = (image: RgbImage) => ({
    width: Math.round(image.width * image.scale),
    height: Math.round(image.height * image.scale),
  });

  return {
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    async detect(bytes) {
      const { image, faces } = await analyse(bytes, false);
      return { ...sourceSize(image), faces };
    },
    async embed(bytes) {
      const { image, faces } = await analyse(bytes, true);
      return { ...sourceSize(image), modelId: embedder.modelId, faces };
    },
  };
}
