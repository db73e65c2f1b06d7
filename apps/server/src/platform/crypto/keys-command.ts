// `custodian keys status|rotate|retire`: the CLI side of key rotation (key-rotation.ts).
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../db/schema';
import { KekError } from './kek-store';
import { keyStatus, retireKeys, rotateKeys, SEALED_TABLES } from './key-rotation';

export const KEYS_USAGE = `usage: custodian keys status
       custodian keys rotate [--batch N]
       custodian keys retire

  status   the current key-encryption key version (BIOMETRIC_KEK_DIR) and how many biometric
           records and TOTP secrets each version wraps
  rotate   make a new key-encryption key and re-wrap every record's data key under it, in
           batches that commit on their own; if a rotation was interrupted, finish it instead.
           A row whose data key does not unwrap is skipped and listed (table, id, why); the
           command then exits 1 and the old key stays until the row is dealt with
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
      const entries = Object.keys(s.rowsByVersion);
      if (entries.length === 0) lines.push('  nothing sealed yet');
      for (const v of entries) {
        const parts = SEALED_TABLES.map(({ table, label }) => `${s.byTable[table][v] ?? 0} ${label}`).join(', ');
        lines.push(`  version ${v}: ${parts}${Number(v) === s.current ? '' : ' (rotation not finished: run `custodian keys rotate`)'}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }
    if (cmd === 'rotate') {
      const { values } = parseArgs({ args: rest, options: { batch: { type: 'string', default: '500' } } });
      const batchSize = Number(values.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new KeysUsageError(`--batch must be a whole number 1–100000, not "${values.batch}"`);
      const started = performance.now();
      const r = await withDb((db) => rotateKeys(db, dir, { requestId, batchSize }));
      const took = ((performance.now() - started) / 1000).toFixed(1);
      if (!r.complete) {
        process.stdout.write(`Rotation not complete: ${r.rewrapped} data keys re-wrapped under key version ${r.toVersion} in ${took} s.\n`);
        process.stderr.write(r.unreadable.length
          ? `custodian: ${r.unreadable.length} rows could not be re-wrapped and stay under their old key:\n${r.unreadable.map((u) => `  ${u.table} ${u.id}: ${u.reason}`).join('\n')}\n` +
            'Restore these rows (or their key file) from a backup, or delete them, then run `custodian keys rotate` again.\n'
          : 'custodian: some rows were held by another rotation; run `custodian keys rotate` again.\n');
        return 1;
      }
      process.stdout.write(`${r.resumed ? 'Finished an interrupted rotation' : 'Rotated'}: ${r.rewrapped} data keys re-wrapped under key version ${r.toVersion} in ${took} s.` +
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
