import { sql, type Kysely } from 'kysely';

// Signed tree heads of the audit log's Merkle tree (platform/audit/checkpoint.ts). The signed fields
// are stored as signed (the timestamp as its exact text) so the signature can be checked again.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_checkpoint (
      tree_size bigint primary key,
      root_hash text not null,
      issued_at text not null,
      key_id text not null,
      signature text not null,
      recorded_at timestamptz not null default now()
    )`.execute(db);
}
