// The witness directory: checkpoints and public keys as plain files outside the database, meant to
// be copied off the machine (rsync, object storage with retention lock, a printed root hash).
// Layout: checkpoints/<tree size, 20 digits>.json, latest.json, keys/<key id>.pub.pem.
import { createPublicKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keyIdOf, parseCheckpoint, type Checkpoint } from './checkpoint';

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export function checkpointFileName(treeSize: number): string {
  return `${String(treeSize).padStart(20, '0')}.json`;
}

export function writeWitnessCheckpoint(dir: string, c: Checkpoint): string {
  const folder = path.join(dir, 'checkpoints');
  fs.mkdirSync(folder, { recursive: true });
  const text = `${JSON.stringify(c, null, 2)}\n`;
  const file = path.join(folder, checkpointFileName(c.treeSize));
  writeAtomic(file, text);
  writeAtomic(path.join(dir, 'latest.json'), text);
  return file;
}

export function publishPublicKey(dir: string, key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const folder = path.join(dir, 'keys');
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${keyIdOf(pub)}.pub.pem`);
  const pem = pub.export({ type: 'spki', format: 'pem' }).toString();
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== pem) writeAtomic(file, pem);
  return file;
}

export type WitnessEntry = { source: string; checkpoint: Checkpoint } | { source: string; error: string };

export function readCheckpointFile(file: string): WitnessEntry {
  try {
    return { source: file, checkpoint: parseCheckpoint(fs.readFileSync(file, 'utf8'), file) };
  } catch (e) {
    return { source: file, error: (e as Error).message };
  }
}

// Every checkpoint file in the directory (latest.json is a copy of one of them).
export function readWitnessCheckpoints(dir: string): WitnessEntry[] {
  const folder = path.join(dir, 'checkpoints');
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => readCheckpointFile(path.join(folder, f)));
}

export function readWitnessKeys(dir: string): { keys: KeyObject[]; errors: string[] } {
  const folder = path.join(dir, 'keys');
  const keys: KeyObject[] = [];
  const errors: string[] = [];
  if (!fs.existsSync(folder)) return { keys, errors };
  for (const f of fs.readdirSync(folder).filter((x) => x.endsWith('.pem')).sort()) {
    try {
      keys.push(createPublicKey(fs.readFileSync(path.join(folder, f))));
    } catch (e) {
      errors.push(`${path.join(folder, f)}: not a PEM public key (${(e as Error).message})`);
    }
  }
  return { keys, errors };
}
