// `custodian audit verify|checkpoint`: the CLI side (files, arguments, output) of the audit proofs.
import { createPublicKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../db/schema';
import { trustedKeyMap } from './checkpoint';
import { AuditCheckpointRefusedError, createCheckpointWriter } from './checkpointer';
import { loadOrCreateSigningKey, readPublicKeyOfKeyFile, SigningKeyError } from './signing-key';
import { verifyAudit } from './verify-audit';
import { verifyExport } from './audit-export';
import { readCheckpointFile, readWitnessCheckpoints, readWitnessKeys, type WitnessEntry } from './witness-dir';

export const AUDIT_USAGE = `usage: custodian audit verify [--checkpoint FILE] [--witness DIR] [--key FILE]... [--json]
       custodian audit verify --export FILE [--key FILE]... [--checkpoint FILE] [--json]
       custodian audit checkpoint

  verify      recompute the hash chain, the Merkle tree, every stored checkpoint's signature and the
              consistency between checkpoints, and compare with the checkpoints kept outside the
              database (the witness directory, default AUDIT_WITNESS_DIR, and --checkpoint FILE).
              Trusted keys: the public key of AUDIT_SIGNING_KEY_FILE, keys/*.pem in the witness
              directory, and each --key FILE. Exit 0 when intact, 1 otherwise.
              With --export FILE (a signed JSON export from the audit view) no database is needed:
              each row's hash, the links between consecutive rows, each row's inclusion proof
              into the signed checkpoint's tree, the checkpoint's signature, and the consistency
              proof from --checkpoint FILE (one you hold) to the export's checkpoint.
  checkpoint  sign a checkpoint now if the log grew (the server does this every AUDIT_CHECKPOINT_SECONDS)`;

type WithDb = <T>(fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

class AuditUsageError extends Error {}

function readKeyFile(file: string): KeyObject {
  let text: Buffer;
  try {
    text = fs.readFileSync(file);
  } catch (e) {
    throw new AuditUsageError(`cannot read --key ${file}: ${(e as Error).message}`);
  }
  try {
    return createPublicKey(text);
  } catch (e) {
    throw new AuditUsageError(`--key ${file} is not a PEM key: ${(e as Error).message}`);
  }
}

async function verify(args: string[], config: Config, withDb: WithDb): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { checkpoint: { type: 'string' }, witness: { type: 'string' }, key: { type: 'string', multiple: true }, json: { type: 'boolean', default: false }, export: { type: 'string' } },
  });
  const witnessDir = values.witness ?? config.auditWitnessDir;
  if (values.witness && !fs.existsSync(values.witness)) throw new AuditUsageError(`--witness ${values.witness}: no such directory`);
  if (values.checkpoint && !fs.existsSync(values.checkpoint)) throw new AuditUsageError(`--checkpoint ${values.checkpoint}: no such file`);
  const notes: string[] = [];
  const keys: KeyObject[] = (values.key ?? []).map(readKeyFile);
  try {
    const own = readPublicKeyOfKeyFile(config.auditSigningKeyFile);
    if (own) keys.push(own);
  } catch (e) {
    notes.push((e as Error).message);
  }
  const wk = readWitnessKeys(witnessDir);
  keys.push(...wk.keys);
  notes.push(...wk.errors);
  if (values.export !== undefined) return verifyExportFile(values.export, keys, values.checkpoint, notes, values.json ?? false);
  const witness: WitnessEntry[] = readWitnessCheckpoints(witnessDir);
  if (values.checkpoint) witness.push(readCheckpointFile(values.checkpoint));

  let ms = 0;
  const r = await withDb(async (db) => {
    const started = performance.now(); // the verification itself, not the database start-up
    const out = await verifyAudit(db, { trustedKeys: trustedKeyMap(keys), witness });
    ms = performance.now() - started;
    return out;
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...r, ms: Math.round(ms) }, null, 2)}\n`);
    return r.ok ? 0 : 1;
  }
  const out = [r.summary];
  out.push(`  rows ${r.rows}, tree size ${r.treeSize}, root ${r.rootHash}`);
  out.push(`  checkpoints: ${r.checkpoints.stored} in the database, ${r.checkpoints.witness} outside; ${r.checkpoints.signaturesVerified} signatures verified, ${r.checkpoints.consistencyChecked} consistency proofs checked`);
  if (r.latestWitness) out.push(`  latest outside checkpoint: ${r.latestWitness.treeSize} rows (${r.latestWitness.source}): ${r.latestWitness.matches ? 'matches' : 'DOES NOT MATCH'}`);
  for (const p of r.problems.slice(0, 20)) out.push(`  - ${p.kind === 'row' ? `seq ${p.seq}` : p.source}: ${p.message}`);
  if (r.problems.length > 20) out.push(`  … and ${r.problems.length - 20} more problems`);
  for (const w of [...notes, ...r.warnings]) out.push(`  warning: ${w}`);
  out.push(`  verified in ${(ms / 1000).toFixed(2)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
  return r.ok ? 0 : 1;
}

function verifyExportFile(file: string, keys: KeyObject[], checkpointFile: string | undefined, notes: string[], json: boolean): number {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AuditUsageError(`--export ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(e as Error).message})`}`);
  }
  const held = [];
  if (checkpointFile) {
    const w = readCheckpointFile(checkpointFile);
    if ('error' in w) throw new AuditUsageError(`--checkpoint ${checkpointFile}: ${w.error}`);
    held.push(w.checkpoint);
  }
  const r = verifyExport(doc, trustedKeyMap(keys), held);
  if (json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return r.ok ? 0 : 1;
  }
  const out = [r.summary];
  for (const p of r.problems.slice(0, 20)) out.push(`  - ${p.seq ? `seq ${p.seq}` : 'export'}: ${p.message}`);
  if (r.problems.length > 20) out.push(`  … and ${r.problems.length - 20} more problems`);
  for (const w of notes) out.push(`  warning: ${w}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return r.ok ? 0 : 1;
}

async function checkpoint(config: Config, withDb: WithDb): Promise<number> {
  const privateKey = loadOrCreateSigningKey(config.auditSigningKeyFile);
  const c = await withDb((db) => createCheckpointWriter(db, { privateKey, witnessDir: config.auditWitnessDir }).checkpoint());
  process.stdout.write(c ? `audit checkpoint signed: ${c.treeSize} rows, root ${c.rootHash}, key ${c.keyId}\n` : 'audit log unchanged since the last checkpoint: nothing signed\n');
  return 0;
}

export async function runAuditCommand(args: string[], config: Config, withDb: WithDb): Promise<number> {
  try {
    if (args[0] === 'verify') return await verify(args.slice(1), config, withDb);
    if (args[0] === 'checkpoint' && args.length === 1) return await checkpoint(config, withDb);
    throw new AuditUsageError(args[0] ? `unknown audit command "${args.join(' ')}"` : 'audit needs a command');
  } catch (e) {
    // parseArgs reports unknown options as TypeErrors with a code.
    if (e instanceof AuditUsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`custodian: ${(e as Error).message}\n${AUDIT_USAGE}\n`);
      return 2;
    }
    if (e instanceof SigningKeyError || e instanceof AuditCheckpointRefusedError) {
      // Expected failures (key file, refused checkpoint): a message, not a stack.
      process.stderr.write(`custodian: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
