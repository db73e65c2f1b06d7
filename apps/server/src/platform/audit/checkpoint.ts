// Signed checkpoints ("signed tree heads"): tree size, root hash, time and key id, signed with
// Ed25519. A checkpoint kept outside the database is what turns "the chain is intact" into "the log
// is the one we had": a rewrite of the whole chain changes the root of a size someone already holds.
// Pure: keys come in as KeyObjects, no file access here.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export const CHECKPOINT_LOG = 'custodian-audit';

export const CheckpointSchema = z.object({
  log: z.literal(CHECKPOINT_LOG),
  treeSize: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lower-case hex'),
  issuedAt: z.string().datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, '16 lower-case hex digits'),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
}).strict();

export type Checkpoint = z.infer<typeof CheckpointSchema>;

export class CheckpointFormatError extends Error {
  constructor(readonly source: string, readonly issues: string[]) {
    super(`${source} is not a valid audit checkpoint: ${issues.join('; ')}`);
  }
}

export function parseCheckpoint(text: string, source: string): Checkpoint {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CheckpointFormatError(source, [`not JSON (${(e as Error).message})`]);
  }
  const r = CheckpointSchema.safeParse(json);
  if (!r.success) throw new CheckpointFormatError(source, r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  return r.data;
}

// The signed bytes: one field a line, so there is nothing to canonicalise and a human can read it.
export function checkpointMessage(c: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(`${CHECKPOINT_LOG} checkpoint v1\n${c.treeSize}\n${c.rootHash}\n${c.issuedAt}\n${c.keyId}\n`, 'utf8');
}

// First 16 hex digits of SHA-256 over the public key's SPKI (DER) encoding.
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, treeSize: number, rootHash: string, issuedAt: Date = new Date()): Checkpoint {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('audit checkpoints are signed with an Ed25519 key');
  const body = { log: CHECKPOINT_LOG, treeSize, rootHash, issuedAt: issuedAt.toISOString(), keyId: keyIdOf(privateKey) } as const;
  return { ...body, signature: sign(null, checkpointMessage(body), privateKey).toString('base64') };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'unknown key' | 'bad signature' };

// Trust comes only from `trusted` (keys held outside the database), never from the checkpoint.
export function checkCheckpointSignature(c: Checkpoint, trusted: ReadonlyMap<string, KeyObject>): SignatureCheck {
  const key = trusted.get(c.keyId);
  if (!key) return { ok: false, reason: 'unknown key' };
  const { signature, ...body } = c;
  let good = false;
  try {
    good = verify(null, checkpointMessage(body), key, Buffer.from(signature, 'base64'));
  } catch {
    good = false;
  }
  return good ? { ok: true } : { ok: false, reason: 'bad signature' };
}

export function trustedKeyMap(keys: Iterable<KeyObject>): Map<string, KeyObject> {
  const m = new Map<string, KeyObject>();
  for (const k of keys) {
    const pub = k.type === 'private' ? createPublicKey(k) : k;
    if (pub.asymmetricKeyType === 'ed25519') m.set(keyIdOf(pub), pub);
  }
  return m;
}
