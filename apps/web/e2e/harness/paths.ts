import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = path.resolve(WEB_DIR, '../..');
export const SERVER_MAIN = path.join(REPO_ROOT, 'apps/server/src/main.ts');
export const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
export const ARTIFACTS = path.join(REPO_ROOT, 'artifacts/e2e');
