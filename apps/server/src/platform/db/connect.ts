import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';
import { migrateToLatest } from './migrate';

export type Engine = 'pglite' | 'postgres';
export type Durability = { durable: boolean; engine: Engine; settings: Record<string, string>; note: string };
export type Db = Kysely<Database>;
export type DbHandle = { db: Db; engine: Engine; durability: Durability; close: () => Promise<void> };

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`the data directory ${dir} is in use by another Custodian process (pid ${pid}); stop it first or set DATA_DIR to another folder`);
  }
}

// PGlite is single-process: a second writer would corrupt it. The lock file holds the owner's pid,
// so a lock left by a killed process is taken over at once instead of waiting for a timeout.
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'custodian.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch { /* already gone */ }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock on ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPglite(dataDir: string | null): Promise<DbHandle> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const client = dataDir ? new PGlite(path.join(dataDir, 'pg')) : new PGlite();
    await client.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    await migrateToLatest(db);
    return {
      db,
      engine: 'pglite',
      durability: {
        durable: false,
        engine: 'pglite',
        settings: { storage: dataDir ? 'file' : 'memory' },
        note: 'embedded PGlite: single process, no write-ahead-log archiving or replication; for evaluation and small deployments',
      },
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

// A commit acknowledged to a custody officer must survive a power cut: all three must be on.
export function assessDurability(settings: Record<string, string | undefined>): boolean {
  return settings.fsync === 'on' && settings.full_page_writes === 'on' && ['on', 'remote_apply', 'remote_write', 'local'].includes(settings.synchronous_commit ?? '');
}

export async function openPostgres(url: string, opts: { requireDurable: boolean; max?: number }): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 20 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const settings: Record<string, string> = {};
    for (const name of ['fsync', 'synchronous_commit', 'full_page_writes']) {
      const r = await sql<{ setting: string }>`select setting from pg_settings where name = ${name}`.execute(db);
      settings[name] = r.rows[0]?.setting ?? 'unknown';
    }
    const durable = assessDurability(settings);
    if (opts.requireDurable && !durable) {
      throw new Error(`refusing to start in the production profile: the PostgreSQL server is not durable (${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ')}); set fsync, full_page_writes and synchronous_commit to on`);
    }
    await migrateToLatest(db);
    return {
      db, engine: 'postgres',
      durability: { durable, engine: 'postgres', settings, note: durable ? 'PostgreSQL server with durable commits' : 'PostgreSQL server WITHOUT durable commits' },
      close: () => db.destroy(),
    };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}
