// One pass over the audit log that feeds both the hash chain check and the Merkle tree, so the
// verifier and the checkpointer see the same leaves. Resumable: pass the state back to continue.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { auditLeafBytes, ChainChecker, readAuditRows, recordOfRow } from './audit-log';
import { leafHash, MerkleTree } from './merkle';

export type AuditScan = { tree: MerkleTree; chain: ChainChecker; lastSeq: bigint };

export function emptyScan(): AuditScan {
  return { tree: new MerkleTree(), chain: new ChainChecker(), lastSeq: 0n };
}

export async function scanAuditLog(db: Kysely<Database>, scan: AuditScan = emptyScan()): Promise<AuditScan> {
  for await (const r of readAuditRows(db, scan.lastSeq)) {
    const rec = recordOfRow(r);
    scan.chain.check(r, rec);
    scan.tree.append(leafHash(auditLeafBytes(rec, r.prev_hash, r.hash)));
    scan.lastSeq = BigInt(r.seq);
  }
  return scan;
}
