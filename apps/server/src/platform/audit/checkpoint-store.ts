// The database copy of the signed checkpoints (table audit_checkpoint, migration 0002).
import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { CHECKPOINT_LOG, type Checkpoint } from './checkpoint';

export interface AuditCheckpointTable {
  tree_size: ColumnType<string, string | number | bigint, never>;
  root_hash: string;
  issued_at: string;
  key_id: string;
  signature: string;
  recorded_at: ColumnType<Date, never, never>;
}

const withCheckpoints = (db: Kysely<Database>) => db.withTables<{ audit_checkpoint: AuditCheckpointTable }>();

// One checkpoint per tree size; a second writer of the same size (two servers) changes nothing.
export async function saveCheckpoint(db: Kysely<Database>, c: Checkpoint): Promise<void> {
  await withCheckpoints(db).insertInto('audit_checkpoint')
    .values({ tree_size: c.treeSize, root_hash: c.rootHash, issued_at: c.issuedAt, key_id: c.keyId, signature: c.signature })
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .execute();
}

// Rows are returned as stored, even malformed ones: judging them is the verifier's job.
export async function listCheckpoints(db: Kysely<Database>): Promise<Checkpoint[]> {
  const rows = await withCheckpoints(db).selectFrom('audit_checkpoint').selectAll().orderBy('tree_size').execute();
  return rows.map((r) => ({ log: CHECKPOINT_LOG, treeSize: Number(r.tree_size), rootHash: r.root_hash, issuedAt: r.issued_at, keyId: r.key_id, signature: r.signature }));
}

export async function latestCheckpoint(db: Kysely<Database>): Promise<Checkpoint | null> {
  const r = await withCheckpoints(db).selectFrom('audit_checkpoint').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
  return r ? { log: CHECKPOINT_LOG, treeSize: Number(r.tree_size), rootHash: r.root_hash, issuedAt: r.issued_at, keyId: r.key_id, signature: r.signature } : null;
}
