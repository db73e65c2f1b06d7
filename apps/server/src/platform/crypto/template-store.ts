// Biometric templates at rest: sealed per record under the person's id (envelope.ts). The
// biometric modules store and read templates only through these functions; nothing else selects
// the ciphertext columns.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { open, seal, type KeyRing } from './envelope';

export const TEMPLATE_PURPOSE = 'biometric-template';

export type TemplateMeta = { id: string; personId: string; modality: string; format: string; kekVersion: number; createdAt: string };

export async function storeTemplate(
  db: Kysely<Database>, ring: KeyRing,
  t: { personId: string; modality: string; format: string; template: Uint8Array; createdBy: string | null },
): Promise<TemplateMeta> {
  const id = randomUUID();
  const s = seal(ring, t.personId, t.template, TEMPLATE_PURPOSE);
  const row = await db.insertInto('biometric_template').values({
    id, person_id: t.personId, modality: t.modality, format: t.format, ciphertext: s.ciphertext, wrapped_key: s.wrappedKey,
    kek_version: s.kekVersion, created_by: t.createdBy,
  }).returning(['created_at']).executeTakeFirstOrThrow();
  return { id, personId: t.personId, modality: t.modality, format: t.format, kekVersion: s.kekVersion, createdAt: new Date(row.created_at).toISOString() };
}

// The person's id comes from the caller (the record being worked on), not from the row: a
// template whose row was moved to another person does not decrypt.
export async function readTemplate(db: Kysely<Database>, ring: KeyRing, personId: string, id: string): Promise<Buffer | null> {
  const r = await db.selectFrom('biometric_template').select(['ciphertext', 'wrapped_key', 'kek_version']).where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return open(ring, personId, { ciphertext: r.ciphertext, wrappedKey: r.wrapped_key, kekVersion: r.kek_version }, TEMPLATE_PURPOSE);
}

export async function listTemplates(db: Kysely<Database>, personId: string): Promise<TemplateMeta[]> {
  const rows = await db.selectFrom('biometric_template').select(['id', 'person_id', 'modality', 'format', 'kek_version', 'created_at'])
    .where('person_id', '=', personId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, modality: r.modality, format: r.format, kekVersion: r.kek_version, createdAt: new Date(r.created_at).toISOString() }));
}
