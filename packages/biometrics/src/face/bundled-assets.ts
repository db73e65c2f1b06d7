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
  const read = async (name: string): Promise<Uint8Array> => {
    try {
      return new Uint8Array(await readFile(join(modelDir, name)));
    } catch (error) {
      throw new FaceModelLoadError(name, `not readable in ${modelDir}: ${String(error)}`);
    }
  };
  for (const manifest of Object.values(FACEAPI_MANIFESTS)) {
    assets[manifest] = await read(manifest);
    let groups: Array<{ paths?: unknown }>;
    try {
      groups = JSON.parse(new TextDecoder().decode(assets[manifest])) as Array<{ paths?: unknown }>;
    } catch (error) {
      throw new FaceModelLoadError(manifest, `unreadable manifest: ${String(error)}`);
    }
    for (const group of groups) {
      for (const path of Array.isArray(group.paths) ? group.paths : []) {
        if (typeof path === 'string') assets[path] = await read(path);
      }
    }
  }
  return assets;
}
