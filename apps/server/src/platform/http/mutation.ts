import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { requireActor } from '../access/route-access';
import { AppError } from './errors';

export type Tx = Transaction<Database>;

const KEY_RE = /^[A-Za-z0-9._:-]{8,200}$/;

/**
 * Runs a state change in one transaction, with Idempotency-Key semantics (RFC draft
 * "The Idempotency-Key HTTP Header Field"): the same key and body replay the first answer without a
 * second effect; the same key with another body is refused; a key still in flight answers 409.
 * Keys are scoped to the user, so one user can never receive another's response.
 */
export async function runMutation<T>(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const actor = requireActor(req);
  const key = req.headers['idempotency-key'];
  if (key === undefined) {
    const result = await db.transaction().execute(work);
    void reply.code(status);
    return result;
  }
  if (typeof key !== 'string' || !KEY_RE.test(key)) {
    throw new AppError('bad_request', 'Idempotency-Key must be 8–200 characters of letters, digits, . _ : -');
  }
  const requestHash = createHash('sha256')
    .update(`${req.method} ${req.url}\n${canonicalize(req.body ?? null) ?? ''}`)
    .digest('hex');
  const existing = await db.selectFrom('idempotency_key').selectAll().where('user_id', '=', actor.id).where('key', '=', key).executeTakeFirst();
  if (existing) return replay(existing, requestHash, reply) as T;

  const result = await db.transaction().execute(async (tx) => {
    const claimed = await tx.insertInto('idempotency_key')
      .values({ user_id: actor.id, key, request_hash: requestHash })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) throw new AppError('conflict', 'a request with this Idempotency-Key is in progress or just finished; retry to get its answer');
    const value = await work(tx);
    await tx.updateTable('idempotency_key')
      .set({ status_code: status, response: JSON.stringify(value ?? null) })
      .where('user_id', '=', actor.id).where('key', '=', key)
      .execute();
    return value;
  });
  void reply.code(status);
  return result;
}

function replay(row: { request_hash: string; status_code: number | null; response: unknown }, requestHash: string, reply: FastifyReply): unknown {
  if (row.request_hash !== requestHash) throw new AppError('validation_failed', 'this Idempotency-Key was used with a different request');
  if (row.status_code === null) throw new AppError('conflict', 'a request with this Idempotency-Key is still in progress');
  void reply.code(row.status_code).header('idempotency-replayed', 'true');
  return typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
}

// Optimistic concurrency: updates name the version they read.
export function requireIfMatch(req: FastifyRequest): number {
  const h = req.headers['if-match'];
  if (h === undefined) throw new AppError('precondition_required', 'send If-Match with the ETag you read');
  const m = /^(?:W\/)?"(\d+)"$/.exec(String(h).trim());
  if (!m) throw new AppError('precondition_failed', 'If-Match does not name a version of this record');
  return Number(m[1]);
}

export const etag = (version: number): string => `"${version}"`;
