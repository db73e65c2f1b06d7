// The Ed25519 key that signs checkpoints lives in a file outside the database (PKCS#8 PEM, 0600):
// someone who can rewrite the database cannot sign a checkpoint for the rewritten log.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class SigningKeyError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`audit signing key ${file}: ${reason}`);
  }
}

function readPrivateKey(file: string): KeyObject {
  const st = fs.statSync(file);
  if ((st.mode & 0o077) !== 0) throw new SigningKeyError(file, `readable by others (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 on it`);
  let key: KeyObject;
  try {
    key = createPrivateKey(fs.readFileSync(file));
  } catch (e) {
    throw new SigningKeyError(file, `not a PEM private key (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(file, `is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

// Generated on first use. 'wx' makes a concurrent second starter read the first one's key.
export function loadOrCreateSigningKey(file: string): KeyObject {
  if (fs.existsSync(file)) return readPrivateKey(file);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, pem);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new SigningKeyError(file, `cannot be created (${(e as Error).message})`);
  }
  return readPrivateKey(file);
}

// For verification only: never creates a key.
export function readPublicKeyOfKeyFile(file: string): KeyObject | null {
  if (!fs.existsSync(file)) return null;
  return createPublicKey(readPrivateKey(file));
}
