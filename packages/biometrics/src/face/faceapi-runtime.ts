// One TensorFlow.js (WebAssembly backend) runtime per process with face-api's detector,
// 68-point landmark net and ResNet-34 descriptor net loaded from weight bytes.
// The wasm backend is ~30× faster than tfjs's plain JS backend and, unlike tfjs-node,
// needs no native download at install time.
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { FaceModelLoadError } from './errors';

/** Weight files by name, as shipped in @vladmandic/face-api's `model/` folder. */
export type FaceModelAssets = Readonly<Record<string, Uint8Array>>;

export const FACEAPI_VERSION: string = faceapi.version;

/** The manifests (and their .bin files) the engine needs. */
export const FACEAPI_MANIFESTS = {
  detector: 'ssd_mobilenetv1_model-weights_manifest.json',
  tinyDetector: 'tiny_face_detector_model-weights_manifest.json',
  landmarks: 'face_landmark_68_model-weights_manifest.json',
  descriptor: 'face_recognition_model-weights_manifest.json',
} as const;

interface TfRuntime {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  engine(): { startScope(): void; endScope(): void };
  io: { decodeWeights(data: ArrayBuffer, specs: unknown[]): faceapi.tf.NamedTensorMap };
}

export const tf = faceapi.tf as unknown as typeof faceapi.tf & TfRuntime;
export { faceapi };

let backendReady: Promise<void> | undefined;
const loadedNets = new Set<string>();

/** Starts the wasm backend once per process. */
export function ensureBackend(): Promise<void> {
  backendReady ??= (async () => {
    const ok = await tf.setBackend('wasm');
    await tf.ready();
    if (!ok || tf.getBackend() !== 'wasm') throw new FaceModelLoadError('tfjs-backend-wasm', `backend is ${tf.getBackend()}`);
  })().catch((error: unknown) => {
    backendReady = undefined;
    throw error instanceof FaceModelLoadError ? error : new FaceModelLoadError('tfjs-backend-wasm', String(error));
  });
  return backendReady;
}

interface ManifestGroup {
  paths: string[];
  weights: unknown[];
}

/** Loads one net from its manifest + bin bytes; nets already loaded in this process are kept. */
export function loadNet(net: faceapi.NeuralNetwork<unknown>, manifestName: string, assets: FaceModelAssets): void {
  if (loadedNets.has(manifestName) && net.isLoaded) return;
  const manifestBytes = assets[manifestName];
  if (!manifestBytes) throw new FaceModelLoadError(manifestName, 'missing from the model assets');
  let groups: ManifestGroup[];
  try {
    groups = JSON.parse(new TextDecoder().decode(manifestBytes)) as ManifestGroup[];
    if (!Array.isArray(groups)) throw new Error('manifest is not an array');
  } catch (error) {
    throw new FaceModelLoadError(manifestName, `unreadable manifest: ${String(error)}`);
  }
  const weightMap: Record<string, faceapi.tf.Tensor> = {};
  for (const group of groups) {
    const parts = group.paths.map((path) => {
      const bytes = assets[path];
      if (!bytes) throw new FaceModelLoadError(path, `missing from the model assets (named by ${manifestName})`);
      return bytes;
    });
    const total = parts.reduce((sum, p) => sum + p.length, 0);
    const joined = new Uint8Array(total);
    let offset = 0;
    for (const p of parts) {
      joined.set(p, offset);
      offset += p.length;
    }
    try {
      Object.assign(weightMap, tf.io.decodeWeights(joined.buffer, group.weights));
    } catch (error) {
      throw new FaceModelLoadError(manifestName, `weights do not decode: ${String(error)}`);
    }
  }
  try {
    net.loadFromWeightMap(weightMap);
  } catch (error) {
    throw new FaceModelLoadError(manifestName, `weights do not fit the net: ${String(error)}`);
  }
  loadedNets.add(manifestName);
}
