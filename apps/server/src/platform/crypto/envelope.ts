// Envelope encryption (AES-256-GCM, node:crypto): each record gets its own random data key; the
// data key is stored wrapped (encrypted) by a key-encryption key (KEK) that never enters the
// database (kek-store.ts). The person's id is associated data on both layers, so a ciphertext
// copied to another person's row does not decrypt, and neither does a data key moved between rows.
// Rotation re-wraps the small data keys only; the records themselves are not re-encrypted.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 1; // first byte of every sealed value
const IV = 12;
const TAG = 16;

export class EnvelopeError extends Error {}

export type Kek = { version: number; key: Buffer };
export type KeyRing = { current: Kek; get: (version: number) => Kek | undefined; versions: number[] };

export type Sealed = { ciphertext: Buffer; wrappedKey: Buffer; kekVersion: number };

const dataAad = (purpose: string, subjectId: string) => Buffer.from(`custodian:${purpose}:v${FORMAT}:${subjectId}`, 'utf8');
const wrapAad = (subjectId: string, kekVersion: number) => Buffer.from(`custodian:kek-wrap:v${FORMAT}:${subjectId}:${kekVersion}`, 'utf8');

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  if (key.length !== 32) throw new EnvelopeError('AES-256 needs a 32-byte key');
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG });
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), iv, c.getAuthTag(), body]);
}

function gcmOpen(key: Buffer, sealed: Buffer, aad: Buffer, what: string): Buffer {
  if (sealed.length < 1 + IV + TAG || sealed[0] !== FORMAT) throw new EnvelopeError(`${what}: not a sealed value of format ${FORMAT}`);
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV), { authTagLength: TAG });
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(1 + IV, 1 + IV + TAG));
  try {
    return Buffer.concat([d.update(sealed.subarray(1 + IV + TAG)), d.final()]);
  } catch {
    // One message for a wrong key, a wrong subject and tampering: which one is not the caller's business.
    throw new EnvelopeError(`${what}: does not decrypt (wrong key, wrong person, or altered)`);
  }
}

export function seal(ring: KeyRing, subjectId: string, plaintext: Uint8Array, purpose: string): Sealed {
  const dek = randomBytes(32);
  try {
    return {
      ciphertext: gcmSeal(dek, Buffer.from(plaintext), dataAad(purpose, subjectId)),
      wrappedKey: gcmSeal(ring.current.key, dek, wrapAad(subjectId, ring.current.version)),
      kekVersion: ring.current.version,
    };
  } finally {
    dek.fill(0);
  }
}

function unwrap(ring: KeyRing, subjectId: string, s: Pick<Sealed, 'wrappedKey' | 'kekVersion'>): Buffer {
  const kek = ring.get(s.kekVersion);
  if (!kek) throw new EnvelopeError(`key-encryption key version ${s.kekVersion} is not available`);
  return gcmOpen(kek.key, s.wrappedKey, wrapAad(subjectId, s.kekVersion), 'data key');
}

export function open(ring: KeyRing, subjectId: string, s: Sealed, purpose: string): Buffer {
  const dek = unwrap(ring, subjectId, s);
  try {
    return gcmOpen(dek, s.ciphertext, dataAad(purpose, subjectId), 'record');
  } finally {
    dek.fill(0);
  }
}

// The data key re-wrapped under the ring's current KEK; the ciphertext stays as it is.
export function rewrap(ring: KeyRing, subjectId: string, s: Pick<Sealed, 'wrappedKey' | 'kekVersion'>): { wrappedKey: Buffer; kekVersion: number } {
  const dek = unwrap(ring, subjectId, s);
  try {
    return { wrappedKey: gcmSeal(ring.current.key, dek, wrapAad(subjectId, ring.current.version)), kekVersion: ring.current.version };
  } finally {
    dek.fill(0);
  }
}
