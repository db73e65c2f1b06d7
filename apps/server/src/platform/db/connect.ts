import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';
import { migrateToLatest } from './migrate';

export type Engine = 'pglite' | 'postgres';
// A calendar date (date of arrest, operation start) is a string, never a Date at some time zone's midnight.
const DATE_OID = 1082;
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

/**
 * A pool whose idle connections the server may end (a restart, a failover, an administrator's
 * pg_terminate_backend, a dropped database): pg emits that as an 'error' event on the pool, and an
 * unhandled 'error' event would crash the whole process. The pool has already discarded the dead
 * connection and opens a new one on the next query, so the event is only reported.
 */
function poolOf(url: string, max: number): Db {
  const pool = new pg.Pool({
    connectionString: url, max,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  pool.on('error', (e) => { console.warn(`database: an idle connection was closed by the server and is replaced on the next query (${e.message})`); });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Need-to-know, second line: the server serves through a login role that owns nothing and is
 * subject to row-level security. Refuses a role that would bypass it (owner, superuser, BYPASSRLS).
 */
export async function checkAppRole(db: Db): Promise<string> {
  const r = await sql<{ role: string; superuser: boolean; bypass: boolean; owns: boolean; member: boolean }>`
    select current_user as role, r.rolsuper as superuser, r.rolbypassrls as bypass,
      exists (select 1 from pg_tables t where t.schemaname = 'public' and t.tablename in ('person', 'facility') and pg_has_role(current_user, t.tableowner, 'USAGE')) as owns,
      pg_has_role(current_user, 'custodian_app', 'USAGE') as member
    from pg_roles r where r.rolname = current_user`.execute(db);
  const row = r.rows[0];
  if (!row || row.superuser || row.bypass || row.owns || !row.member) {
    throw new Error(`refusing to serve through APP_DATABASE_URL: role ${row?.role ?? '?'} must be a member of custodian_app, and neither own the tables, be a superuser nor bypass row-level security`);
  }
  return row.role;
}

export async function openPostgres(url: string, opts: { requireDurable: boolean; max?: number; appUrl?: string }): Promise<DbHandle> {
  const db = poolOf(url, opts.appUrl ? 2 : opts.max ?? 20);
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
    const durability: Durability = { durable, engine: 'postgres', settings, note: durable ? 'PostgreSQL server with durable commits' : 'PostgreSQL server WITHOUT durable commits' };
    if (!opts.appUrl) return { db, engine: 'postgres', durability, close: () => db.destroy() };
    // Migrations ran as the owner; from here on the server works as the application role only.
    await db.destroy();
    const app = poolOf(opts.appUrl, opts.max ?? 20);
    try {
      await checkAppRole(app);
    } catch (e) {
      await app.destroy();
      throw e;
    }
    return { db: app, engine: 'postgres', durability: { ...durability, note: `${durability.note}; serving as a role under row-level security` }, close: () => app.destroy() };
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw e;
  }
}
