// The audit view and exports. Every read of the log is itself audited, before the rows leave.
import type { KeyObject } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { AUDIT_EXPORT_FORMAT, type AuditEntry, type AuditFilter, type AuditPage, type AuditQuery } from '@custodian/contracts';
import { sql, type ExpressionBuilder } from 'kysely';
import type { AccessDb, AccessTx } from '../../platform/access/access-db';
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

/** Audit rows whose object is a record under need-to-know: shown only when the viewer may see that record. */
export const CLASSIFIED_OBJECT_TYPES = ['person', 'facility', 'screening_hit'] as const;

/**
 * Need-to-know in the audit view: a row about a person, facility or screening hit the viewer may
 * not see (above their clearance, or outside their assignments for roles that need one) is left
 * out — of the page, the CSV and the signed JSON alike, whatever the filters. So is another
 * viewer's read or export of the log filtered on such a record (`audit_log` rows carry the filter's
 * object id): one of those is shown only when its object is a record the viewer may see, or a user.
 * The condition uses the viewer's bound handle (`t.persons()`, `t.facilities()`), so on a server
 * the row-level-security context decides too. Rows about anything else (users, keys, routes…) stay.
 */
function needToKnow(t: AccessTx) {
  const personIds = () => t.persons().select(sql<string>`person.id::text`.as('v'));
  const facilityIds = () => t.facilities().select(sql<string>`facility.id::text`.as('v'));
  const hitIds = () => t.tx.selectFrom('screening_hit').select(sql<string>`screening_hit.id::text`.as('v')).where('screening_hit.person_id', 'in', t.persons().select('person.id'));
  return (eb: ExpressionBuilder<Database, 'audit_log'>) => eb.or([
    eb('object_id', 'is', null),
    eb('object_type', 'not in', [...CLASSIFIED_OBJECT_TYPES, 'audit_log']),
    eb.and([eb('object_type', 'in', ['person', 'audit_log']), eb('object_id', 'in', personIds())]),
    eb.and([eb('object_type', 'in', ['facility', 'audit_log']), eb('object_id', 'in', facilityIds())]),
    eb.and([eb('object_type', 'in', ['screening_hit', 'audit_log']), eb('object_id', 'in', hitIds())]),
    eb.and([eb('object_type', '=', 'audit_log'), eb('object_id', 'in', t.tx.selectFrom('app_user').select(sql<string>`app_user.id::text`.as('v')))]),
  ]);
}

function filtered(t: AccessTx, f: AuditFilter) {
  let q = t.tx.selectFrom('audit_log').selectAll().where(needToKnow(t));
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = f.action.endsWith('.') ? q.where('action', 'like', likePrefix(f.action)) : q.where('action', '=', f.action);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.requestId) q = q.where('request_id', '=', f.requestId);
  if (f.routine === 'hide') q = q.where((eb) => eb.or([eb('action', '<>', 'request'), eb('outcome', '<>', 'success')]));
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  return q;
}

const filtersOf = (f: AuditFilter): Record<string, string> =>
  Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== undefined && k !== 'limit' && k !== 'before')) as Record<string, string>;

export function entryOf(r: AuditRow): AuditEntry {
  return { ...recordOfRow(r), hash: r.hash };
}

export async function listAudit(access: AccessDb, ctx: Ctx, q: AuditQuery): Promise<AuditPage> {
  return access.run(async (t) => {
    const tx = t.tx;
    let query = filtered(t, q);
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

async function rowsForExport(t: AccessTx, f: AuditFilter, maxSeq?: number): Promise<AuditRow[]> {
  let q = filtered(t, f);
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

export async function exportAuditCsv(access: AccessDb, ctx: Ctx, f: AuditFilter): Promise<string> {
  const rows = await access.run(async (t) => {
    const rs = await rowsForExport(t, f);
    await appendAudit(t.tx, {
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

  const run = async (access: AccessDb, ctx: Ctx, f: AuditFilter): Promise<AuditExport> => {
    // The export is audited first, so the signed checkpoint covers the row that records it.
    await access.run(async (t) => {
      const n = (await rowsForExport(t, f)).length;
      await appendAudit(t.tx, {
        actorId: ctx.actor.id, actor: ctx.actor.username, action: 'audit.export', objectType: 'audit_log', objectId: f.objectId ?? null,
        outcome: 'success', requestId: ctx.requestId, details: { format: 'signed-json', filters: filtersOf(f), rows: n },
      });
    });
    const { cp, tree } = await signed();
    // Only the rows this viewer may see; each carries its own inclusion proof, so the file verifies
    // without the rows left out (their sequence numbers are simply absent).
    const rows = await access.run((t) => rowsForExport(t, f, cp.treeSize));
    const earlier = (await listCheckpoints(db)).filter((c) => c.treeSize < cp.treeSize).slice(-CONSISTENCY_FROM);
    return {
      format: AUDIT_EXPORT_FORMAT, exportedAt: new Date().toISOString(), exportedBy: ctx.actor.username, filters: filtersOf(f),
      checkpoint: cp, consistency: consistencyOf(tree, earlier, cp.treeSize), rows: rows.map((r) => exportRowOf(r, tree, cp.treeSize)),
    };
  };

  return {
    // Serialised: the cached tree is extended by one export at a time.
    signedJson: (access: AccessDb, ctx: Ctx, f: AuditFilter): Promise<AuditExport> => {
      const p = queue.then(() => run(access, ctx, f));
      queue = p.catch(() => {});
      return p;
    },
  };
}
