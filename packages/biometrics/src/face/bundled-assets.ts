// Reads the face-api weight files that ship inside the @vladmandic/face-api npm package.
// This is the one place the face library touches the file system: read-only, inside an
// installed dependency, so nothing is downloaded at install or run time.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FaceModelLoadError } from './errors';
import { FACEAPI_MANIFESTS, type FaceModelAssets } from './faceapi-runtime';

export async function readBundledFaceModelAssets(): Promise<FaceModelAssets> {
  const require = createRequire(import.meta.url);
  const modelDir = join(dirname(require.resolve('@vladmandic/face-api')), '..', 'model');
  const assets: Record<string, Uint8Array> = {};
  for (const manifest of Object.values(FACEAPI_MANIFESTS)) {
    const bin = manifest.replace('-weights_manifest.json', '.bin');
    for (const name of [manifest, bin]) {
      try {
        assets[name] = new Uint8Array(await readFile(join(modelDir, name)));
      } catch (error) {
        throw new FaceModelLoadError(name, `not readable in ${modelDir}: ${String(error)}`);
      }
    }
  }
  return assets;
}
