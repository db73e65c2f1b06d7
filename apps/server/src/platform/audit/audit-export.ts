// Signed JSON export of audit rows, and its verification by someone who has only the file and the
// server's public key. The file holds, for each row, the recorded fields with both chain hashes and
// an RFC 6962 inclusion proof into the tree of a signed checkpoint that covers it; plus consistency
// proofs from earlier checkpoints to that one, so a checkpoint the reader already holds (a witness
// copy) can be tied to the export. Building is in the server (modules/audit); verifying is pure.
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AUDIT_EXPORT_FORMAT } from '@custodian/contracts';
import { auditHash, auditLeafBytes, type AuditRecord, type AuditRow, recordOfRow } from './audit-log';
import { checkCheckpointSignature, CheckpointSchema, type Checkpoint } from './checkpoint';
import { leafHash, verifyConsistency, verifyInclusion, type MerkleTree } from './merkle';

const Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lower-case hex');

export const ExportRowSchema = z.object({
  seq: z.string().regex(/^[1-9][0-9]*$/), at: z.string(), actorId: z.string().nullable(), actor: z.string(), action: z.string(),
  objectType: z.string(), objectId: z.string().nullable(), outcome: z.string(), requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()), prevHash: Hex, hash: Hex, inclusionProof: z.array(Hex),
}).strict();
export type ExportRow = z.infer<typeof ExportRowSchema>;

export const AuditExportSchema = z.object({
  format: z.literal(AUDIT_EXPORT_FORMAT),
  exportedAt: z.string(),
  exportedBy: z.string(),
  filters: z.record(z.string(), z.unknown()),
  checkpoint: CheckpointSchema,
  consistency: z.array(z.object({ fromSize: z.number().int().nonnegative(), fromRoot: Hex, proof: z.array(Hex) }).strict()),
  rows: z.array(ExportRowSchema),
}).strict();
export type AuditExport = z.infer<typeof AuditExportSchema>;

export function exportRowOf(r: AuditRow, tree: MerkleTree, treeSize: number): ExportRow {
  const rec = recordOfRow(r);
  const index = Number(r.seq) - 1;
  return { ...rec, prevHash: r.prev_hash, hash: r.hash, inclusionProof: tree.inclusionProof(index, treeSize).map((h) => h.toString('hex')) };
}

export function consistencyOf(tree: MerkleTree, earlier: Checkpoint[], treeSize: number): AuditExport['consistency'] {
  return earlier.filter((c) => c.treeSize < treeSize).map((c) => ({
    fromSize: c.treeSize, fromRoot: c.rootHash, proof: tree.consistencyProof(c.treeSize, treeSize).map((h) => h.toString('hex')),
  }));
}

export type ExportProblem = { seq: string | null; message: string };
export type ExportVerification = { ok: boolean; rows: number; treeSize: number; summary: string; problems: ExportProblem[] };

const hexes = (xs: string[]) => xs.map((x) => Buffer.from(x, 'hex'));

// `heldCheckpoints`: checkpoints the reader trusts from elsewhere (a witness copy); each must be
// signed by a trusted key and tied to the export's checkpoint by a consistency proof in the file.
export function verifyExport(raw: unknown, trusted: ReadonlyMap<string, KeyObject>, heldCheckpoints: Checkpoint[] = []): ExportVerification {
  const parsed = AuditExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, rows: 0, treeSize: 0, summary: `not an audit export: ${issues.join('; ')}`, problems: issues.map((m) => ({ seq: null, message: m })) };
  }
  const doc = parsed.data;
  const cp = doc.checkpoint;
  const problems: ExportProblem[] = [];
  const sig = checkCheckpointSignature(cp, trusted);
  if (!sig.ok) {
    const why = sig.reason === 'unknown key' ? `signed by an unknown key ${cp.keyId} (pass the server's public key with --key)` : 'signature does not verify';
    return { ok: false, rows: doc.rows.length, treeSize: cp.treeSize, summary: `bad checkpoint: ${why}`, problems: [{ seq: null, message: why }] };
  }
  const root = Buffer.from(cp.rootHash, 'hex');
  let previous: ExportRow | null = null;
  for (const row of doc.rows) {
    const { prevHash, hash, inclusionProof, ...rest } = row;
    const rec: AuditRecord = rest;
    const seq = Number(row.seq);
    if (previous && seq <= Number(previous.seq)) problems.push({ seq: row.seq, message: `out of order after ${previous.seq}` });
    if (seq > cp.treeSize) problems.push({ seq: row.seq, message: `not covered by the checkpoint (${cp.treeSize} rows)` });
    else if (auditHash(prevHash, rec) !== hash) problems.push({ seq: row.seq, message: 'row content does not match its hash' });
    else if (previous && seq === Number(previous.seq) + 1 && prevHash !== previous.hash) problems.push({ seq: row.seq, message: 'previous-hash link broken' });
    else if (!verifyInclusion(leafHash(auditLeafBytes(rec, prevHash, hash)), seq - 1, cp.treeSize, hexes(inclusionProof), root)) {
      problems.push({ seq: row.seq, message: 'not in the signed tree: the inclusion proof does not lead to the checkpoint root' });
    }
    previous = row;
  }
  for (const c of doc.consistency) {
    if (!verifyConsistency(c.fromSize, cp.treeSize, Buffer.from(c.fromRoot, 'hex'), root, hexes(c.proof))) {
      problems.push({ seq: null, message: `consistency proof from ${c.fromSize} rows does not verify` });
    }
  }
  for (const held of heldCheckpoints) {
    const s = checkCheckpointSignature(held, trusted);
    if (!s.ok) { problems.push({ seq: null, message: `held checkpoint of ${held.treeSize} rows: ${s.reason}` }); continue; }
    if (held.treeSize === cp.treeSize) {
      if (held.rootHash !== cp.rootHash) problems.push({ seq: null, message: `held checkpoint of ${held.treeSize} rows has another root: the log was rewritten` });
      continue;
    }
    if (held.treeSize > cp.treeSize) continue; // newer than the export: nothing in the file to compare
    const link = doc.consistency.find((c) => c.fromSize === held.treeSize);
    if (!link) problems.push({ seq: null, message: `the export carries no consistency proof from the held checkpoint of ${held.treeSize} rows` });
    else if (link.fromRoot !== held.rootHash) problems.push({ seq: null, message: `held checkpoint of ${held.treeSize} rows has another root than the export's log: rewritten` });
  }
  const firstRow = problems.find((p) => p.seq !== null);
  const summary = problems.length === 0
    ? `audit export verified: ${doc.rows.length} rows, each in the signed tree of ${cp.treeSize} rows (checkpoint ${cp.issuedAt}, key ${cp.keyId})`
    : firstRow ? `first bad sequence number ${firstRow.seq}: ${firstRow.message}` : problems[0]!.message;
  return { ok: problems.length === 0, rows: doc.rows.length, treeSize: cp.treeSize, summary, problems };
}
