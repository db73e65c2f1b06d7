// R2 tampering, shared by the fast test (test/audit) and the full-size one (test/reliability).
// Tampering is raw SQL as the database owner: the application has no code path that alters audit
// rows, so this is what an attacker with database access would do.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema';
import { appendAudit, AUDIT_GENESIS, auditHash, recordOfRow } from '../../src/platform/audit/audit-log';
import { signCheckpoint, type Checkpoint } from '../../src/platform/audit/checkpoint';
import { scanAuditLog } from '../../src/platform/audit/audit-tree';
import { writeWitnessCheckpoint } from '../../src/platform/audit/witness-dir';

const ACTIONS = ['person.read', 'person.create', 'custody.admit', 'custody.handover', 'facility.update', 'auth.login', 'search'];

// Synthetic events, `perTx` per transaction (the real server writes one per change; batching only
// saves test time, the chain is the same).
export async function seedAuditEvents(db: Kysely<Database>, count: number, perTx = 200): Promise<void> {
  for (let done = 0; done < count;) {
    const k = Math.min(perTx, count - done);
    const write = async (tx: Kysely<Database>) => {
      for (let i = 0; i < k; i++) {
        const n = done + i;
        await appendAudit(tx, {
          actorId: null, actor: `officer-${n % 17}`, action: ACTIONS[n % ACTIONS.length]!, objectType: 'person', objectId: `P-${n}`,
          outcome: n % 11 === 0 ? 'denied' : 'success', requestId: `req-${n}`, details: { n, note: `synthetic event ${n}`, nested: { a: [n, 'x'] } },
        });
      }
    };
    if (db.isTransaction) await write(db);
    else await db.transaction().execute(write);
    done += k;
  }
}

// Recomputes prev_hash/hash from `fromSeq` to the end, as a forger who knows the scheme would.
export async function rechain(db: Kysely<Database>, fromSeq: number): Promise<void> {
  const before = await db.selectFrom('audit_log').select('hash').where('seq', '=', String(fromSeq - 1)).executeTakeFirst();
  let prev = before?.hash ?? AUDIT_GENESIS;
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', String(fromSeq)).orderBy('seq').execute();
  for (const r of rows) {
    const h = auditHash(prev, recordOfRow(r));
    await sql`update audit_log set prev_hash = ${prev}, hash = ${h} where seq = ${r.seq}`.execute(db);
    prev = h;
  }
}

// The audit tables refuse UPDATE, DELETE and TRUNCATE (migration 0007); their owner can switch the
// guard off, as an attacker holding the owner's credentials would. In a transaction the switch is
// rolled back with everything else.
export async function disableAuditGuards(db: Kysely<Database>): Promise<void> {
  await sql`alter table audit_log disable trigger user`.execute(db);
  await sql`alter table audit_checkpoint disable trigger user`.execute(db);
}

export type TamperContext = { db: Kysely<Database>; rows: number; witnessDir: string; realKey: KeyObject };

export type Expectation = { verdict: 'tampered' | 'truncated' | 'rewritten' | 'bad-checkpoint'; firstBadSeq?: number; says: RegExp };

export type Mutation = { name: string; apply: (c: TamperContext) => Promise<void>; expect: (rows: number) => Expectation };

const mid = (rows: number) => Math.floor(rows / 2);

async function rewriteRow(c: TamperContext): Promise<string> {
  await sql`update audit_log set actor = 'nobody' where seq = ${mid(c.rows)}`.execute(c.db);
  await rechain(c.db, mid(c.rows));
  return (await scanAuditLog(c.db)).tree.root().toString('hex');
}

async function replaceDbCheckpoint(db: Kysely<Database>, cp: Checkpoint): Promise<void> {
  await sql`delete from audit_checkpoint`.execute(db);
  await sql`insert into audit_checkpoint (tree_size, root_hash, issued_at, key_id, signature) values (${cp.treeSize}, ${cp.rootHash}, ${cp.issuedAt}, ${cp.keyId}, ${cp.signature})`.execute(db);
}

const RAW_MUTATIONS: Mutation[] = [
  {
    name: 'change a byte in a row',
    apply: async (c) => { await sql`update audit_log set actor = 'X' || substr(actor, 2) where seq = ${mid(c.rows)}`.execute(c.db); },
    expect: (rows) => ({ verdict: 'tampered', firstBadSeq: mid(rows), says: new RegExp(`first bad sequence number ${mid(rows)}\\b`) }),
  },
  {
    name: 'delete a middle row',
    apply: async (c) => { await sql`delete from audit_log where seq = ${mid(c.rows)}`.execute(c.db); },
    expect: (rows) => ({ verdict: 'tampered', firstBadSeq: mid(rows), says: new RegExp(`first bad sequence number ${mid(rows)}\\b`) }),
  },
  {
    name: 'delete the last row',
    apply: async (c) => { await sql`delete from audit_log where seq = ${c.rows}`.execute(c.db); },
    expect: (rows) => ({ verdict: 'truncated', firstBadSeq: rows, says: /truncated/ }),
  },
  {
    name: 'delete the last 100 rows',
    apply: async (c) => { await sql`delete from audit_log where seq > ${c.rows - 100}`.execute(c.db); },
    expect: (rows) => ({ verdict: 'truncated', firstBadSeq: rows - 99, says: /truncated/ }),
  },
  {
    name: 'swap two rows',
    apply: async (c) => {
      const a = mid(c.rows);
      const b = a + 10;
      await sql`update audit_log set seq = -1 where seq = ${a}`.execute(c.db);
      await sql`update audit_log set seq = ${a} where seq = ${b}`.execute(c.db);
      await sql`update audit_log set seq = ${b} where seq = -1`.execute(c.db);
    },
    expect: (rows) => ({ verdict: 'tampered', firstBadSeq: mid(rows), says: new RegExp(`first bad sequence number ${mid(rows)}\\b`) }),
  },
  {
    name: 'insert a forged row with a recomputed chain',
    apply: async (c) => {
      const at = mid(c.rows);
      await sql`update audit_log set seq = -seq where seq >= ${at}`.execute(c.db);
      await sql`update audit_log set seq = -seq + 1 where seq < 0`.execute(c.db);
      await sql`insert into audit_log (seq, at, actor_id, actor, action, object_type, object_id, outcome, request_id, details, prev_hash, hash)
        values (${at}, now(), null, 'officer-1', 'custody.release', 'person', 'P-1', 'success', 'req-forged', '{}', '', '')`.execute(c.db);
      await rechain(c.db, at);
    },
    expect: () => ({ verdict: 'rewritten', says: /rewritten/ }),
  },
  {
    name: 'replace the checkpoint (altered root, old signature) after rewriting a row',
    apply: async (c) => {
      const root = await rewriteRow(c);
      await sql`update audit_checkpoint set root_hash = ${root}`.execute(c.db);
    },
    expect: () => ({ verdict: 'rewritten', says: /rewritten/ }),
  },
  {
    name: 'replace the checkpoint re-signed with the stolen real key (outside copy untouched)',
    apply: async (c) => {
      const root = await rewriteRow(c);
      await replaceDbCheckpoint(c.db, signCheckpoint(c.realKey, c.rows, root));
    },
    expect: () => ({ verdict: 'rewritten', says: /rewritten/ }),
  },
  {
    name: 'replace the outside checkpoint file with a forged one',
    apply: async (c) => {
      const cp = JSON.parse(fs.readFileSync(path.join(c.witnessDir, 'latest.json'), 'utf8')) as Checkpoint;
      writeWitnessCheckpoint(c.witnessDir, { ...cp, rootHash: 'f'.repeat(64) });
    },
    expect: () => ({ verdict: 'bad-checkpoint', says: /signature does not verify/ }),
  },
  {
    name: 'sign with an unknown key (database and outside copies replaced)',
    apply: async (c) => {
      const root = await rewriteRow(c);
      const { privateKey } = generateKeyPairSync('ed25519');
      const forged = signCheckpoint(privateKey, c.rows, root);
      await replaceDbCheckpoint(c.db, forged);
      fs.rmSync(path.join(c.witnessDir, 'checkpoints'), { recursive: true, force: true });
      writeWitnessCheckpoint(c.witnessDir, forged);
    },
    expect: () => ({ verdict: 'bad-checkpoint', says: /unknown key/ }),
  },
];

export const MUTATIONS: Mutation[] = RAW_MUTATIONS.map((m) => ({
  ...m,
  apply: async (c) => { await disableAuditGuards(c.db); await m.apply(c); },
}));

export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}
