// Full verification of the audit log: the hash chain row by row, the RFC 6962 tree, every stored
// checkpoint's signature, consistency between successive checkpoints, and the checkpoints kept
// outside the database (the witness). File access stays in the caller: this takes data.
import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { checkCheckpointSignature, type Checkpoint } from './checkpoint';
import { listCheckpoints } from './checkpoint-store';
import { scanAuditLog } from './audit-tree';
import { verifyConsistency } from './merkle';
import type { WitnessEntry } from './witness-dir';

export type AuditVerdict = 'intact' | 'tampered' | 'truncated' | 'rewritten' | 'bad-checkpoint';

export type AuditProblem =
  | { kind: 'row'; seq: string; message: string }
  | { kind: 'truncated' | 'rewritten' | 'checkpoint'; source: string; treeSize: number; message: string };

export type AuditVerification = {
  ok: boolean;
  verdict: AuditVerdict;
  firstBadSeq: string | null;
  summary: string;
  rows: number;
  treeSize: number;
  rootHash: string;
  checkpoints: { stored: number; witness: number; signaturesVerified: number; consistencyChecked: number };
  latestWitness: { source: string; treeSize: number; rootHash: string; matches: boolean } | null;
  problems: AuditProblem[];
  warnings: string[];
};

export type VerifyAuditOptions = {
  // Public keys whose signatures count; from outside the database (key file, witness keys folder).
  trustedKeys: ReadonlyMap<string, KeyObject>;
  // Checkpoints kept outside the database (witness directory, --checkpoint FILE).
  witness?: readonly WitnessEntry[];
};

type Judged = { source: string; c: Checkpoint; trusted: boolean; status: 'match' | 'mismatch' | 'beyond' };

export async function verifyAudit(db: Kysely<Database>, opts: VerifyAuditOptions): Promise<AuditVerification> {
  const { tree, chain } = await scanAuditLog(db);
  const problems: AuditProblem[] = chain.problems.map((p) => ({ kind: 'row', seq: p.seq, message: p.reason }));
  const warnings: string[] = [];
  const n = tree.size;
  let signaturesVerified = 0;

  const judge = (source: string, c: Checkpoint): Judged => {
    const sig = checkCheckpointSignature(c, opts.trustedKeys);
    if (!sig.ok) {
      problems.push({ kind: 'checkpoint', source, treeSize: c.treeSize, message: sig.reason === 'unknown key' ? `checkpoint of size ${c.treeSize} is signed by an unknown key ${c.keyId}` : `checkpoint of size ${c.treeSize}: the signature does not verify (forged or altered checkpoint)` });
      return { source, c, trusted: false, status: 'beyond' };
    }
    signaturesVerified++;
    if (c.treeSize > n) {
      problems.push({ kind: 'truncated', source, treeSize: c.treeSize, message: `truncated: the log has ${n} rows but a checkpoint signed at ${c.issuedAt} covers ${c.treeSize} (rows ${n + 1}..${c.treeSize} missing)` });
      return { source, c, trusted: true, status: 'beyond' };
    }
    if (tree.root(c.treeSize).toString('hex') !== c.rootHash) {
      problems.push({ kind: 'rewritten', source, treeSize: c.treeSize, message: `rewritten: the first ${c.treeSize} rows no longer have the root hash signed at ${c.issuedAt}` });
      return { source, c, trusted: true, status: 'mismatch' };
    }
    return { source, c, trusted: true, status: 'match' };
  };

  const stored = await listCheckpoints(db);
  const judgedStored = stored.map((c) => judge(`database checkpoint ${c.treeSize}`, c));

  // Each signed checkpoint must be an append-only extension of the one before: a consistency proof
  // from the log as it is now, checked against the two signed roots.
  let consistencyChecked = 0;
  const trustedStored = judgedStored.filter((j) => j.trusted && j.c.treeSize <= n);
  for (let i = 1; i < trustedStored.length; i++) {
    const a = trustedStored[i - 1]!.c;
    const b = trustedStored[i]!.c;
    consistencyChecked++;
    const proof = tree.consistencyProof(a.treeSize, b.treeSize);
    if (!verifyConsistency(a.treeSize, b.treeSize, Buffer.from(a.rootHash, 'hex'), Buffer.from(b.rootHash, 'hex'), proof)) {
      problems.push({ kind: 'rewritten', source: `database checkpoints ${a.treeSize}→${b.treeSize}`, treeSize: b.treeSize, message: `rewritten: no consistency proof links the checkpoint of size ${a.treeSize} to the one of size ${b.treeSize}` });
    }
  }

  const storedBySize = new Map(stored.map((c) => [c.treeSize, c]));
  const judgedWitness: Judged[] = [];
  for (const w of opts.witness ?? []) {
    if ('error' in w) {
      problems.push({ kind: 'checkpoint', source: w.source, treeSize: -1, message: w.error });
      continue;
    }
    const j = judge(w.source, w.checkpoint);
    judgedWitness.push(j);
    const mine = storedBySize.get(w.checkpoint.treeSize);
    if (j.trusted && mine && mine.rootHash !== w.checkpoint.rootHash) {
      problems.push({ kind: 'checkpoint', source: w.source, treeSize: w.checkpoint.treeSize, message: `the database's checkpoint of size ${w.checkpoint.treeSize} differs from the outside copy ${w.source}` });
    }
    if (j.trusted && w.checkpoint.treeSize <= n) {
      // An outside auditor holding only this checkpoint would ask for exactly this proof.
      const proof = tree.consistencyProof(w.checkpoint.treeSize, n);
      consistencyChecked++;
      if (!verifyConsistency(w.checkpoint.treeSize, n, Buffer.from(w.checkpoint.rootHash, 'hex'), tree.root(), proof) && j.status === 'match') {
        problems.push({ kind: 'rewritten', source: w.source, treeSize: w.checkpoint.treeSize, message: `rewritten: the log is not an extension of ${w.source}` });
      }
    }
  }
  const trustedWitness = judgedWitness.filter((j) => j.trusted);
  const latest = trustedWitness.reduce<Judged | null>((best, j) => (!best || j.c.treeSize > best.c.treeSize ? j : best), null);
  if (!opts.witness?.length) warnings.push('no outside (witness) checkpoint to compare with: a rewrite of the whole log and of its database checkpoints would go unnoticed');
  if (stored.length === 0) warnings.push('no checkpoint in the database');
  const missing = trustedWitness.filter((j) => !storedBySize.has(j.c.treeSize)).length;
  if (missing) warnings.push(`${missing} outside checkpoint(s) absent from the database`);

  const verdict = decide(problems);
  const firstRow = problems.find((p) => p.kind === 'row');
  const firstBadSeq = firstRow?.kind === 'row' ? firstRow.seq : verdict === 'truncated' ? String(n + 1) : null;
  return {
    ok: verdict === 'intact',
    verdict,
    firstBadSeq,
    summary: summarise(verdict, problems, [...judgedStored, ...judgedWitness], n, firstBadSeq),
    rows: chain.rows,
    treeSize: n,
    rootHash: tree.root().toString('hex'),
    checkpoints: { stored: stored.length, witness: judgedWitness.length, signaturesVerified, consistencyChecked },
    latestWitness: latest ? { source: latest.source, treeSize: latest.c.treeSize, rootHash: latest.c.rootHash, matches: latest.status === 'match' } : null,
    problems,
    warnings,
  };
}

function decide(problems: AuditProblem[]): AuditVerdict {
  if (problems.some((p) => p.kind === 'row')) return 'tampered';
  if (problems.some((p) => p.kind === 'truncated')) return 'truncated';
  if (problems.some((p) => p.kind === 'rewritten')) return 'rewritten';
  if (problems.length) return 'bad-checkpoint';
  return 'intact';
}

function summarise(verdict: AuditVerdict, problems: AuditProblem[], judged: Judged[], n: number, firstBadSeq: string | null): string {
  switch (verdict) {
    case 'intact':
      return `audit log verified: ${n} rows, chain intact, tree consistent with ${new Set(judged.map((j) => j.c.treeSize)).size} signed checkpoint(s)`;
    case 'tampered':
      return `audit log INVALID: first bad sequence number ${firstBadSeq}: ${problems.find((p) => p.kind === 'row')!.message}`;
    case 'truncated': {
      const biggest = Math.max(...problems.filter((p) => p.kind === 'truncated').map((p) => (p.kind === 'row' ? 0 : p.treeSize)));
      return `audit log INVALID: truncated: ${n} rows left but a signed checkpoint covers ${biggest}; first missing sequence number ${firstBadSeq}`;
    }
    case 'rewritten': {
      // The rewrite lies between the largest signed size that still matches and the smallest that does not.
      const bad = Math.min(...judged.filter((j) => j.trusted && j.status === 'mismatch').map((j) => j.c.treeSize), Infinity);
      const good = Math.max(0, ...judged.filter((j) => j.trusted && j.status === 'match' && j.c.treeSize < bad).map((j) => j.c.treeSize));
      return Number.isFinite(bad)
        ? `audit log INVALID: rewritten: the root for ${bad} rows differs from its signed checkpoint; the change lies within sequence numbers ${good + 1}..${bad}`
        : `audit log INVALID: rewritten: ${problems.find((p) => p.kind === 'rewritten')!.message}`;
    }
    case 'bad-checkpoint':
      return `audit log INVALID: ${problems[0]!.kind === 'row' ? '' : `${problems[0]!.source}: `}${problems[0]!.message}`;
  }
}
