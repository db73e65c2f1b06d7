// The embedding model is a pluggable part of the engine. Its id is stamped on every vector
// it makes, so vectors from different models are never compared (see embedding.ts).
import type { AlignedFace } from './align';
import { faceapi, FACEAPI_MANIFESTS, FACEAPI_VERSION, loadNet, tf, type FaceModelAssets } from './faceapi-runtime';

export interface FaceEmbedder {
  /** Recorded with every embedding, e.g. "faceapi-resnet128@1.7.15". */
  readonly modelId: string;
  readonly dimensions: number;
  /** Side in pixels of the aligned square crop the model takes. */
  readonly cropSize: number;
  /** Raw (not yet normalised) embedding of one aligned face. */
  embed(face: AlignedFace): Promise<Float32Array>;
}

export const FACEAPI_RESNET128_ID = `faceapi-resnet128@${FACEAPI_VERSION}`;

/** face-api's ResNet-34 (dlib-style) 128-d descriptor on a 150 px crop. */
export function createFaceApiResnetEmbedder(assets: FaceModelAssets): FaceEmbedder {
  const net = faceapi.nets.faceRecognitionNet;
  loadNet(net, FACEAPI_MANIFESTS.descriptor, assets);
  return {
    modelId: FACEAPI_RESNET128_ID,
    dimensions: 128,
    cropSize: 150,
    async embed(face) {
      const { data, width, height } = face.image;
      const input = tf.tensor3d(new Int32Array(data), [height, width, 3], 'int32');
      try {
        const descriptor = await net.computeFaceDescriptor(input);
        return Array.isArray(descriptor) ? descriptor[0]! : descriptor;
      } finally {
        input.dispose();
      }
    },
  };
}
