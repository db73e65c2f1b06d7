import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

export const AUDIT_GENESIS = '0'.repeat(64);
// One advisory lock serialises audit appends so the sequence stays gapless and the chain linear;
// it is held only until the surrounding transaction commits or rolls back.
const AUDIT_LOCK = 7_263_001;

export type AuditEntry = {
  actorId: string | null;
  actor: string;
  action: string;
  objectType: string;
  objectId?: string | null;
  outcome: 'success' | 'denied' | 'failed' | 'error';
  requestId?: string | null;
  details?: Record<string, unknown>;
};

export type AuditRecord = {
  seq: string; at: string; actorId: string | null; actor: string; action: string; objectType: string;
  objectId: string | null; outcome: string; requestId: string | null; details: Record<string, unknown>;
};

export function auditHash(prevHash: string, rec: AuditRecord): string {
  return createHash('sha256').update(prevHash).update(canonicalize(rec) ?? '').digest('hex');
}

// Called inside the transaction that makes the change: if this write fails, the change fails too.
// PostgreSQL text and jsonb cannot hold NUL or a lone surrogate; a request may carry either (a
// probe, a garbled roster). The audit keeps a visible stand-in rather than failing the request.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function storable<T>(v: T): T {
  if (typeof v === 'string') return v.replace(UNSTORABLE, '\ufffd') as T;
  if (Array.isArray(v)) return v.map(storable) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [storable(k), storable(x)])) as T;
  return v;
}

// Requests in flight, and how many audit rows each has written so far (audit-coverage.ts writes
// one for a request that wrote none).
const inFlight = new Map<string, number>();
export function trackAuditFor(requestId: string): void { inFlight.set(requestId, 0); }
export function auditWritesFor(requestId: string): number { return inFlight.get(requestId) ?? 0; }
export function untrackAuditFor(requestId: string): void { inFlight.delete(requestId); }

export async function appendAudit(tx: Transaction<Database> | Kysely<Database>, raw: AuditEntry): Promise<string> {
  // The advisory lock holds until the transaction ends: outside one it would be released after its
  // own statement, and on a pool the read of the last row and the insert could run on other
  // connections, so two appends could take the same sequence number. A lone append gets its own.
  if (!tx.isTransaction) return tx.transaction().execute((t) => appendAudit(t, raw));
  const e = storable(raw);
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (last ? BigInt(last.seq) + 1n : 1n).toString();
  const prev = last?.hash ?? AUDIT_GENESIS;
  const rec: AuditRecord = {
    seq, at: new Date().toISOString(), actorId: e.actorId, actor: e.actor, action: e.action, objectType: e.objectType,
    objectId: e.objectId ?? null, outcome: e.outcome, requestId: e.requestId ?? null, details: e.details ?? {},
  };
  const hash = auditHash(prev, rec);
  await tx.insertInto('audit_log').values({
    seq, at: rec.at, actor_id: rec.actorId, actor: rec.actor, action: rec.action, object_type: rec.objectType,
    object_id: rec.objectId, outcome: rec.outcome, request_id: rec.requestId, details: JSON.stringify(rec.details),
    prev_hash: prev, hash,
  }).execute();
  if (rec.requestId && inFlight.has(rec.requestId)) inFlight.set(rec.requestId, inFlight.get(rec.requestId)! + 1);
  return seq;
}

export type ChainProblem = { seq: string; reason: string };

export type AuditRow = Selectable<Database['audit_log']>;

export function recordOfRow(r: AuditRow): AuditRecord {
  return {
    seq: String(r.seq), at: new Date(r.at).toISOString(), actorId: r.actor_id, actor: r.actor, action: r.action,
    objectType: r.object_type, objectId: r.object_id, outcome: r.outcome, requestId: r.request_id,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
  };
}

// The Merkle leaf of a row: its canonical JSON including both hashes, so the tree commits to the
// chain as well as to the content.
export function auditLeafBytes(rec: AuditRecord, prevHash: string, hash: string): Buffer {
  return Buffer.from(canonicalize({ ...rec, prevHash, hash }) ?? '', 'utf8');
}

// Rows in sequence order, in batches, from just after `afterSeq`.
export async function* readAuditRows(db: Kysely<Database>, afterSeq = 0n, batchSize = 5000): AsyncGenerator<AuditRow> {
  for (let from = afterSeq; ;) {
    const batch = await db.selectFrom('audit_log').selectAll().where('seq', '>', from.toString()).orderBy('seq').limit(batchSize).execute();
    if (batch.length === 0) return;
    yield* batch;
    from = BigInt(batch[batch.length - 1]!.seq);
  }
}

// Walks the chain link by link; one instance per pass over the log.
export class ChainChecker {
  private prev = AUDIT_GENESIS;
  private expected = 1n;
  rows = 0;
  readonly problems: ChainProblem[] = [];

  check(r: AuditRow, rec: AuditRecord = recordOfRow(r)): void {
    this.rows++;
    const seq = BigInt(r.seq);
    // A gap names the first missing number: that is where the log was cut.
    if (seq > this.expected) this.problems.push({ seq: this.expected.toString(), reason: `row missing: the next row present is ${seq}` });
    else if (seq < this.expected) this.problems.push({ seq: rec.seq, reason: `sequence out of order: expected ${this.expected}` });
    if (r.prev_hash !== this.prev) this.problems.push({ seq: rec.seq, reason: 'previous-hash link broken' });
    if (auditHash(r.prev_hash, rec) !== r.hash) this.problems.push({ seq: rec.seq, reason: 'row content does not match its hash' });
    this.prev = r.hash;
    this.expected = seq + 1n;
  }
}

// Recomputes every link. `verifyAudit` (verify-audit.ts) adds the Merkle tree and signed checkpoints.
export async function verifyAuditChain(db: Kysely<Database>): Promise<{ rows: number; problems: ChainProblem[] }> {
  const chain = new ChainChecker();
  for await (const r of readAuditRows(db)) chain.check(r);
  return { rows: chain.rows, problems: chain.problems };
}
