// The audit view and exports. Every read of the log is itself audited, before the rows leave.
import type { KeyObject } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { AUDIT_EXPORT_FORMAT, type AuditEntry, type AuditFilter, type AuditPage, type AuditQuery } from '@custodian/contracts';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/connect';
import type { Database } from '../../platform/db/schema';
import type { Ctx } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { appendAudit, recordOfRow, type AuditRow } from '../../platform/audit/audit-log';
import { emptyScan, scanAuditLog, type AuditScan } from '../../platform/audit/audit-tree';
import { AuditCheckpointRefusedError, createCheckpointWriter, type CheckpointWriter } from '../../platform/audit/checkpointer';
import { latestCheckpoint, listCheckpoints } from '../../platform/audit/checkpoint-store';
import { loadOrCreateSigningKey } from '../../platform/audit/signing-key';
import { consistencyOf, exportRowOf, type AuditExport } from '../../platform/audit/audit-export';

export const EXPORT_MAX_ROWS = 50_000;
const CONSISTENCY_FROM = 50; // proofs from at most this many earlier checkpoints

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(db: Kysely<Database>, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = f.action.endsWith('.') ? q.where('action', 'like', likePrefix(f.action)) : q.where('action', '=', f.action);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.requestId) q = q.where('request_id', '=', f.requestId);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  return q;
}

const filtersOf = (f: AuditFilter): Record<string, string> =>
  Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== undefined && k !== 'limit' && k !== 'before')) as Record<string, string>;

export function entryOf(r: AuditRow): AuditEntry {
  return { ...recordOfRow(r), hash: r.hash };
}

export async function listAudit(db: Db, ctx: Ctx, q: AuditQuery): Promise<AuditPage> {
  return db.transaction().execute(async (tx) => {
    let query = filtered(tx, q);
    if (q.before) query = query.where('seq', '<', q.before);
    const rows = await query.orderBy('seq', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    await appendAudit(tx, {
      actorId: ctx.actor.id, actor: ctx.actor.username, action: 'audit.read', objectType: 'audit_log', objectId: q.objectId ?? null,
      outcome: 'success', requestId: ctx.requestId, details: { filters: filtersOf(q), ...(q.before ? { before: q.before } : {}), rows: page.length },
    });
    return { items: page.map(entryOf), nextBefore: rows.length > q.limit ? String(page[page.length - 1]!.seq) : null };
  });
}

async function rowsForExport(tx: Kysely<Database>, f: AuditFilter, maxSeq?: number): Promise<AuditRow[]> {
  let q = filtered(tx, f);
  if (maxSeq !== undefined) q = q.where('seq', '<=', String(maxSeq));
  const rows = await q.orderBy('seq').limit(EXPORT_MAX_ROWS + 1).execute();
  if (rows.length > EXPORT_MAX_ROWS) {
    throw new AppError('validation_failed', `more than ${EXPORT_MAX_ROWS} entries match; narrow the filters (time range, actor, action)`, [{ path: 'query', message: 'too many entries' }]);
  }
  return rows;
}

// A spreadsheet must not run what a caller typed (a failed login's user name is theirs to choose).
const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};
const CSV_COLUMNS = ['seq', 'at', 'actor', 'actor_id', 'action', 'object_type', 'object_id', 'outcome', 'request_id', 'details', 'prev_hash', 'hash'];

export async function exportAuditCsv(db: Db, ctx: Ctx, f: AuditFilter): Promise<string> {
  const rows = await db.transaction().execute(async (tx) => {
    const rs = await rowsForExport(tx, f);
    await appendAudit(tx, {
      actorId: ctx.actor.id, actor: ctx.actor.username, action: 'audit.export', objectType: 'audit_log', objectId: f.objectId ?? null,
      outcome: 'success', requestId: ctx.requestId, details: { format: 'csv', filters: filtersOf(f), rows: rs.length },
    });
    return rs;
  });
  return stringify([CSV_COLUMNS, ...rows.map((r) => {
    const e = recordOfRow(r);
    return [e.seq, e.at, e.actor, e.actorId, e.action, e.objectType, e.objectId, e.outcome, e.requestId, e.details, r.prev_hash, r.hash].map(cell);
  })]);
}

// One per server: signs a checkpoint covering the export (the checkpointer of `serve` would within
// seconds anyway) and keeps the Merkle tree between exports, extending it with new rows only.
export function createAuditExporter(db: Db, config: Config) {
  let key: KeyObject | null = null;
  let writer: CheckpointWriter | null = null;
  let scan: AuditScan | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const signed = async () => {
    if (!writer) {
      try {
        key = loadOrCreateSigningKey(config.auditSigningKeyFile);
      } catch (e) {
        throw new AppError('unavailable', `the audit signing key is not available: ${(e as Error).message}`);
      }
      writer = createCheckpointWriter(db, { privateKey: key, witnessDir: config.auditWitnessDir });
    }
    try {
      await writer.checkpoint();
    } catch (e) {
      if (e instanceof AuditCheckpointRefusedError) throw new AppError('unavailable', `no signed export: the audit log does not verify (${e.message}); run \`custodian audit verify\``);
      throw e;
    }
    const cp = await latestCheckpoint(db);
    if (!cp) throw new AppError('unavailable', 'no signed checkpoint yet');
    scan = await scanAuditLog(db, scan ?? emptyScan());
    if (scan.tree.size < cp.treeSize || scan.tree.root(cp.treeSize).toString('hex') !== cp.rootHash) {
      scan = null;
      throw new AppError('unavailable', 'the audit log no longer matches its latest checkpoint; run `custodian audit verify`');
    }
    return { cp, tree: scan.tree };
  };

  const run = async (ctx: Ctx, f: AuditFilter): Promise<AuditExport> => {
    // The export is audited first, so the signed checkpoint covers the row that records it.
    await db.transaction().execute(async (tx) => {
      const n = (await rowsForExport(tx, f)).length;
      await appendAudit(tx, {
        actorId: ctx.actor.id, actor: ctx.actor.username, action: 'audit.export', objectType: 'audit_log', objectId: f.objectId ?? null,
        outcome: 'success', requestId: ctx.requestId, details: { format: 'signed-json', filters: filtersOf(f), rows: n },
      });
    });
    const { cp, tree } = await signed();
    const rows = await rowsForExport(db, f, cp.treeSize);
    const earlier = (await listCheckpoints(db)).filter((c) => c.treeSize < cp.treeSize).slice(-CONSISTENCY_FROM);
    return {
      format: AUDIT_EXPORT_FORMAT, exportedAt: new Date().toISOString(), exportedBy: ctx.actor.username, filters: filtersOf(f),
      checkpoint: cp, consistency: consistencyOf(tree, earlier, cp.treeSize), rows: rows.map((r) => exportRowOf(r, tree, cp.treeSize)),
    };
  };

  return {
    // Serialised: the cached tree is extended by one export at a time.
    signedJson: (ctx: Ctx, f: AuditFilter): Promise<AuditExport> => {
      const p = queue.then(() => run(ctx, f));
      queue = p.catch(() => {});
      return p;
    },
  };
}
