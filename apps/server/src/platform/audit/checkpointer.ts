// Signs a checkpoint whenever the audit log has grown: to the witness directory first (the copy
// that matters), then to audit_checkpoint. Keeps the tree in memory and reads only new rows.
// It refuses to sign over a log whose chain is broken or that no longer matches the last
// checkpoint: signing would bless the tampering.
import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../db/schema';
import { signCheckpoint, type Checkpoint } from './checkpoint';
import { latestCheckpoint, saveCheckpoint } from './checkpoint-store';
import { emptyScan, scanAuditLog, type AuditScan } from './audit-tree';
import { loadOrCreateSigningKey } from './signing-key';
import { publishPublicKey, readWitnessCheckpoints, writeWitnessCheckpoint } from './witness-dir';

export type CheckpointLogger = { info: (msg: string) => void; error: (msg: string) => void };

export class AuditCheckpointRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`audit checkpoints stopped: ${reason}; run \`custodian audit verify\``);
  }
}

export type CheckpointWriter = {
  // Signs a checkpoint if the log grew since the last one; null when there is nothing new.
  checkpoint: () => Promise<Checkpoint | null>;
};

export function createCheckpointWriter(db: Kysely<Database>, opts: { privateKey: KeyObject; witnessDir: string }): CheckpointWriter {
  let scan: AuditScan | null = null;
  let signedSize = -1;
  let refused: AuditCheckpointRefusedError | null = null;

  const start = async (): Promise<AuditScan> => {
    const s = await scanAuditLog(db, emptyScan());
    const broken = s.chain.problems[0];
    if (broken) throw new AuditCheckpointRefusedError(`sequence number ${broken.seq}: ${broken.reason}`);
    publishPublicKey(opts.witnessDir, opts.privateKey);
    const witness = readWitnessCheckpoints(opts.witnessDir).flatMap((w) => ('checkpoint' in w ? [w.checkpoint] : []));
    const latestWitness = witness.reduce<Checkpoint | null>((a, c) => (!a || c.treeSize > a.treeSize ? c : a), null);
    for (const c of [await latestCheckpoint(db), latestWitness]) {
      if (!c) continue;
      if (c.treeSize > s.tree.size) throw new AuditCheckpointRefusedError(`the log has ${s.tree.size} rows but a checkpoint covers ${c.treeSize} (truncated)`);
      if (s.tree.root(c.treeSize).toString('hex') !== c.rootHash) throw new AuditCheckpointRefusedError(`the first ${c.treeSize} rows no longer match their checkpoint (rewritten)`);
      signedSize = Math.max(signedSize, c.treeSize);
    }
    return s;
  };

  const run = async (): Promise<Checkpoint | null> => {
      if (refused) throw refused;
      try {
        scan = await scanAuditLog(db, scan ?? (await start()));
        const broken = scan.chain.problems[0];
        if (broken) throw new AuditCheckpointRefusedError(`sequence number ${broken.seq}: ${broken.reason}`);
      } catch (e) {
        if (e instanceof AuditCheckpointRefusedError) refused = e;
        throw e;
      }
      const size = scan.tree.size;
      if (size === 0 || size <= signedSize) return null;
      const c = signCheckpoint(opts.privateKey, size, scan.tree.root().toString('hex'));
      writeWitnessCheckpoint(opts.witnessDir, c);
      await saveCheckpoint(db, c);
      signedSize = size;
      return c;
  };
  // Serialised: two overlapping calls would scan the same rows twice into one tree.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    checkpoint: () => {
      const p = queue.then(run);
      queue = p.catch(() => {});
      return p;
    },
  };
}

export type Checkpointer = CheckpointWriter & { stop: () => Promise<void> };

const stderrLogger: CheckpointLogger = {
  info: () => {},
  error: (m) => process.stderr.write(`custodian: ${m}\n`),
};

// Runs every config.auditCheckpointMs (0 = off). Errors are logged, never thrown into the server:
// a missed checkpoint is caught up by the next one.
export function startCheckpointer(db: Kysely<Database>, config: Config, log: CheckpointLogger = stderrLogger): Checkpointer {
  let privateKey: KeyObject;
  try {
    privateKey = loadOrCreateSigningKey(config.auditSigningKeyFile);
  } catch (e) {
    throw new Error(`refusing to start: ${(e as Error).message}`);
  }
  const writer = createCheckpointWriter(db, { privateKey, witnessDir: config.auditWitnessDir });
  let running: Promise<void> | null = null;
  let lastError = '';
  const tick = async () => {
    try {
      const c = await writer.checkpoint();
      if (c) log.info(`audit checkpoint signed: ${c.treeSize} rows, root ${c.rootHash}`);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (msg !== lastError) log.error(msg);
      lastError = msg;
    }
  };
  const timer = config.auditCheckpointMs > 0
    ? setInterval(() => { running ??= tick().finally(() => { running = null; }); }, config.auditCheckpointMs)
    : null;
  timer?.unref();
  return {
    checkpoint: writer.checkpoint,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
