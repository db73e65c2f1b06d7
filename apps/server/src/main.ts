#!/usr/bin/env node
// custodian serve | init | migrate | demo | import | audit verify
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config';
import { openPglite, openPostgres, DataDirLockedError, type DbHandle } from './platform/db/connect';
import { buildApp } from './app';
import { createFirstAdministrator, printCredentials } from './bootstrap';
import { loadDemoOperation } from './modules/demo/demo.service';
import { DEMO_DEFAULT_SEED } from './modules/demo/demo-operation';
import { runAuditCommand } from './platform/audit/audit-command';
import { runKeysCommand } from './platform/crypto/keys-command';
import { loadKeyRing } from './platform/crypto/kek-store';
import { sealPlaintextTotpSecrets } from './platform/auth/totp-secrets';
import { startCheckpointer } from './platform/audit/checkpointer';
import { SYSTEM_ACTOR } from './platform/access/actor';
import { AccessDb } from './platform/access/access-db';
import { commitImport, previewImport } from './modules/imports/import.service';
import { AppError } from './platform/http/errors';
import { loadDemoWatchlists } from './modules/screening/demo-watchlists';
import { ScreeningWorker } from './modules/screening/screening-worker';
import { parseWatchlist, readWatchlistPath } from './modules/screening/watchlist-file';
import { loadWatchlistVersion } from './modules/screening/watchlist.service';

const USAGE = `Usage: custodian <command> [options]

Commands:
  serve                    start the API and web app (loads the demo operation on an empty database,
                           except in the production profile)
  init                     prepare an empty database for a real deployment: migrations and the
                           first administrator, no demo data
  migrate                  apply database migrations and exit
  demo [--seed N]          load the synthetic demo operation (default seed ${DEMO_DEFAULT_SEED}) and, when ../shared/data/watchlists
                           exists, the UN and OFAC lists; screen everyone
  import FILE --source-list NAME --facility CODE --authority TEXT [--commit]
                           check a roster (CSV or XLSX) and, with --commit, register it
  watchlist load --source un|ofac|local FILE_OR_DIR [--published YYYY-MM-DD]
                           load a list version (UN XML; OFAC sdn.xml, sdn.csv or a folder with the CSV
                           set; local CSV), print its diff against the previous version, and re-screen
                           everyone against the current lists
  audit verify [--checkpoint FILE] [--witness DIR] [--key FILE]
                           check the audit log: hash chain, Merkle tree, signed checkpoints and the
                           copies kept outside the database; exit 1 naming the first bad row, or
                           "truncated" / "rewritten"
  audit verify --export FILE [--key FILE]
                           check a signed JSON export of the audit view without the database
  audit checkpoint         sign an audit checkpoint now (serve does it every AUDIT_CHECKPOINT_SECONDS)
  keys status | rotate | retire
                           key-encryption keys of biometric data: versions in use, re-wrap every
                           data key under a new key (resumable, audited), delete unused old keys

Environment: DATABASE_URL (PostgreSQL server as the table owner, for migrations; embedded PGlite in DATA_DIR when unset),
APP_DATABASE_URL (the login role the server serves through, under row-level security), DATA_DIR (./data),
PORT (8080), CUSTODIAN_PROFILE (development | production | test), AUDIT_WITNESS_DIR (DATA_DIR/audit-witness),
AUDIT_SIGNING_KEY_FILE (DATA_DIR/audit-key/ed25519.pem), AUDIT_CHECKPOINT_SECONDS (5),
BIOMETRIC_KEK_DIR (DATA_DIR/keys/biometric).`;

class UsageError extends Error {}

async function open(config: Config): Promise<DbHandle> {
  if (config.databaseUrl) {
    // Row-level security is the second line only if the server cannot step around it.
    if (config.profile === 'production' && !config.appDatabaseUrl) {
      throw new UsageError('the production profile serves through APP_DATABASE_URL (a login role in custodian_app that owns no tables); see docs/ARCHITECTURE.md');
    }
    return openPostgres(config.databaseUrl, { requireDurable: config.profile === 'production', appUrl: config.appDatabaseUrl });
  }
  return openPglite(config.dataDir);
}

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

async function serve(config: Config): Promise<void> {
  const handle = await open(config);
  const app = await buildApp({ handle, config, webRoot, logger: true });
  const empty = !(await handle.db.selectFrom('app_user').select('id').where('username', '!=', 'system').limit(1).executeTakeFirst());
  let creds: { username: string; password: string } | null = null;
  if (empty) {
    if (config.profile === 'production') throw new UsageError('the database has no users: run `custodian init` first');
    const demo = await loadDemoOperation(handle.db, DEMO_DEFAULT_SEED);
    process.stdout.write(`Loaded the DEMO operation (synthetic data): ${demo.persons} detainees.\n`);
    // Screening of everyone runs in the background once the server is up (the runs are queued now).
    await loadDemoWatchlists(handle.db, (line) => process.stdout.write(`${line}\n`));
    creds = await createFirstAdministrator(handle.db);
  }
  const checkpointer = startCheckpointer(handle.db, config, { info: (m) => app.log.info(m), error: (m) => app.log.error(m) });
  const shutdown = async () => {
    await app.close();
    await checkpointer.stop();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  process.stdout.write(`Custodian is serving on ${url} (database: ${handle.engine}${handle.durability.durable ? '' : ', not durable'})\n`);
  if (creds) printCredentials(creds, url);
}

async function withDb<T>(config: Config, fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = await open(config);
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

/** Works off queued screening runs in this process, so a CLI load or import leaves everyone screened. */
async function screenPending(h: DbHandle): Promise<void> {
  const started = Date.now();
  const worker = new ScreeningWorker(h.db, { exclusive: h.engine === 'pglite' });
  const runs = await worker.drain();
  if (!runs) return;
  const open = await h.db.selectFrom('screening_hit').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow();
  process.stdout.write(`Screened: ${runs} run(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${open.n} hits open for review.\n`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    case 'serve':
      await serve(config);
      return -1; // keep running
    case 'migrate':
      await withDb(config, async (h) => {
        const sealed = await sealPlaintextTotpSecrets(h.db, () => loadKeyRing(config.biometricKekDir, { create: true }));
        if (sealed) process.stdout.write(`Sealed the TOTP secrets of ${sealed} users under the key-encryption key (BIOMETRIC_KEK_DIR).\n`);
        process.stdout.write('Database is at the latest migration.\n');
      });
      return 0;
    case 'init':
      return withDb(config, async (h) => {
        const creds = await createFirstAdministrator(h.db);
        if (!creds) process.stdout.write('Already initialised: users exist. Nothing changed.\n');
        else printCredentials(creds);
        return 0;
      });
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { seed: { type: 'string', default: String(DEMO_DEFAULT_SEED) } } });
      const seed = Number(values.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, not "${values.seed}"`);
      return withDb(config, async (h) => {
        const r = await loadDemoOperation(h.db, seed);
        process.stdout.write(r.created ? `Loaded the DEMO operation (synthetic data, seed ${seed}): ${r.persons} detainees.\n` : `The DEMO operation is already loaded (${r.persons} detainees). Nothing changed.\n`);
        await loadDemoWatchlists(h.db, (line) => process.stdout.write(`${line}\n`));
        await screenPending(h);
        const creds = await createFirstAdministrator(h.db);
        if (creds) printCredentials(creds);
        return 0;
      });
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest, allowPositionals: true,
        options: { 'source-list': { type: 'string' }, facility: { type: 'string' }, authority: { type: 'string' }, commit: { type: 'boolean', default: false } },
      });
      const file = positionals[0];
      if (!file) throw new UsageError('import needs a FILE');
      for (const k of ['source-list', 'facility', 'authority'] as const) if (!values[k]) throw new UsageError(`import needs --${k}`);
      let bytes: Buffer;
      try { bytes = readFileSync(file); } catch (e) { throw new UsageError(`cannot read ${file}: ${(e as Error).message}`); }
      return withDb(config, async (h) => {
        // The CLI acts for the operator on the machine: the named system handle, audited.
        const system = AccessDb.system(h.db, 'custodian import (CLI)');
        const fac = await system.run((t) => t.facilities().select('id').where('code', '=', values.facility!).executeTakeFirst());
        if (!fac) throw new UsageError(`no facility with code ${values.facility}`);
        const ctx = { actor: SYSTEM_ACTOR, requestId: `cli-${process.pid}` };
        const started = Date.now();
        let p = await previewImport(system, ctx, bytes, path.basename(file), { sourceList: values['source-list']!, facilityId: fac.id, responsibleAuthority: values.authority! });
        process.stdout.write(`${p.fileName}: ${p.rowsTotal} rows, ${p.rowsValid} valid, ${p.rowsDuplicate} already registered, ${p.errors.length} errors (${p.status})\n`);
        for (const e of p.errors.slice(0, 50)) process.stdout.write(`  row ${e.row}, column ${e.column}: ${e.reason}\n`);
        if (p.errors.length > 50) process.stdout.write(`  … and ${p.errors.length - 50} more\n`);
        if (p.errors.length) return 1;
        if (values.commit) {
          p = await commitImport(system, ctx, p.id);
          process.stdout.write(`Committed: ${p.personsAdded} persons added in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
          await screenPending(h);
        } else process.stdout.write('Nothing registered yet: run again with --commit.\n');
        return 0;
      });
    }
    case 'watchlist': {
      const [sub, ...args] = rest;
      if (sub !== 'load') throw new UsageError('usage: custodian watchlist load --source un|ofac|local FILE_OR_DIR [--published YYYY-MM-DD]');
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { source: { type: 'string' }, published: { type: 'string' } } });
      const source = values.source;
      if (source !== 'un' && source !== 'ofac' && source !== 'local') throw new UsageError(`--source must be un, ofac or local, not "${source ?? ''}"`);
      if (positionals.length !== 1) throw new UsageError('watchlist load needs one FILE_OR_DIR');
      if (values.published && !/^\d{4}-\d{2}(-\d{2})?$/.test(values.published)) throw new UsageError(`--published must be YYYY-MM-DD, not "${values.published}"`);
      // Parsed before the database is opened: a bad file changes nothing and names the entry and field.
      const list = parseWatchlist(readWatchlistPath(source, positionals[0]!, values.published));
      return withDb(config, async (h) => {
        const { version } = await loadWatchlistVersion(h.db, { actor: SYSTEM_ACTOR, requestId: `cli-${process.pid}` }, list);
        process.stdout.write(`Loaded the ${source.toUpperCase()} list of ${version.publishedOn}: ${version.entryCount} entries (version ${version.id}).\n`);
        process.stdout.write(version.previousVersionId
          ? `Against the previous version: ${version.diff.added} added, ${version.diff.removed} removed, ${version.diff.changed} changed, ${version.diff.unchanged} unchanged.\n`
          : 'First version of this list.\n');
        await screenPending(h);
        return 0;
      });
    }
    case 'audit':
      return runAuditCommand(rest, config, (fn) => withDb(config, (h) => fn(h.db)));
    case 'keys':
      return runKeysCommand(rest, config, (fn) => withDb(config, (h) => fn(h.db)));
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof DataDirLockedError) process.stderr.write(`custodian: ${e.message}\n`);
    else if (e instanceof AppError) process.stderr.write(`custodian: ${e.message}${e.errors?.length ? `\n${e.errors.map((x) => `  ${x.path}: ${x.message}`).join('\n')}` : ''}\n`);
    else if (e instanceof Error && /invalid configuration|refusing to start/.test(e.message)) process.stderr.write(`custodian: ${e.message}\n`);
    else process.stderr.write(`custodian: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
