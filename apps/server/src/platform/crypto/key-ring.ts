// The key ring for request handlers: loaded on each use (a rotation adds a version while the
// server runs), version 1 made on first use; a missing or unreadable key directory is a 503 for
// the request that needs it, not a server that will not start.
import { AppError } from '../http/errors';
import type { KeyRing } from './envelope';
import { loadKeyRing } from './kek-store';

export const keyRingFor = (dir: string, what: string) => (): KeyRing => {
  try {
    return loadKeyRing(dir, { create: true });
  } catch (e) {
    throw new AppError('unavailable', `${what} is not available: ${(e as Error).message}`);
  }
};
