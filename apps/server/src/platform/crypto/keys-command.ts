// `custodian keys status|rotate|retire`: the CLI side of key rotation (key-rotation.ts).
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../db/schema';
import { KekError } from './kek-store';
import { keyStatus, retireKeys, rotateKeys } from './key-rotation';

export const KEYS_USAGE = `usage: custodian keys status
       custodian keys rotate [--batch N]
       custodian keys retire

  status   the current key-encryption key version (BIOMETRIC_KEK_DIR) and how many biometric
           records each version wraps
  rotate   make a new key-encryption key and re-wrap every record's data key under it, in
           batches that commit on their own; if a rotation was interrupted, finish it instead
  retire   delete the key files no record needs any more (after a complete rotation)`;

type WithDb = <T>(fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>;
class KeysUsageError extends Error {}

export async function runKeysCommand(args: string[], config: Config, withDb: WithDb): Promise<number> {
  const dir = config.biometricKekDir;
  const requestId = `cli-${process.pid}-${Date.now()}`;
  try {
    const [cmd, ...rest] = args;
    if (cmd === 'status' && rest.length === 0) {
      const s = await withDb((db) => keyStatus(db, dir));
      const lines = [`key-encryption keys in ${s.dir}: versions ${s.versionsOnDisk.join(', ')}; current ${s.current}`];
      const entries = Object.entries(s.rowsByVersion);
      if (entries.length === 0) lines.push('  no biometric records yet');
      for (const [v, n] of entries) lines.push(`  version ${v}: ${n} records${Number(v) === s.current ? '' : ' (rotation not finished: run `custodian keys rotate`)'}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }
    if (cmd === 'rotate') {
      const { values } = parseArgs({ args: rest, options: { batch: { type: 'string', default: '500' } } });
      const batchSize = Number(values.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new KeysUsageError(`--batch must be a whole number 1–100000, not "${values.batch}"`);
      const started = performance.now();
      const r = await withDb((db) => rotateKeys(db, dir, { requestId, batchSize }));
      process.stdout.write(`${r.resumed ? 'Finished an interrupted rotation' : 'Rotated'}: ${r.rewrapped} data keys re-wrapped under key version ${r.toVersion} in ${((performance.now() - started) / 1000).toFixed(1)} s.` +
        `${r.fromVersions.length ? ` Older versions (${r.fromVersions.join(', ')}) wrap nothing now; \`custodian keys retire\` deletes them.` : ''}\n`);
      return 0;
    }
    if (cmd === 'retire' && rest.length === 0) {
      const gone = await withDb((db) => retireKeys(db, dir, requestId));
      process.stdout.write(gone.length ? `Deleted key versions ${gone.join(', ')}.\n` : 'No older key versions to delete.\n');
      return 0;
    }
    throw new KeysUsageError(cmd ? `unknown keys command "${args.join(' ')}"` : 'keys needs a command');
  } catch (e) {
    if (e instanceof KeysUsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`custodian: ${(e as Error).message}\n${KEYS_USAGE}\n`);
      return 2;
    }
    if (e instanceof KekError || /still wrap data keys/.test((e as Error).message)) {
      process.stderr.write(`custodian: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}
