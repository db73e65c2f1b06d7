import { sql, type Kysely } from 'kysely';

// TOTP secrets under envelope encryption (platform/crypto), like biometric templates: a data key
// per secret, wrapped by a key-encryption key kept outside the database, the user's id as
// associated data. `kind` is the enrolled secret or one waiting for its first code. The old
// plaintext columns (app_user.totp_secret, totp_pending_secret) stay for the upgrade: the server
// seals what they hold at start (platform/auth/totp-secrets.ts) and empties them; nothing writes
// them any more.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table user_secret (
      id uuid primary key,
      user_id uuid not null references app_user(id),
      kind text not null check (kind in ('totp', 'totp_pending')),
      ciphertext bytea not null,
      wrapped_key bytea not null,
      kek_version integer not null,
      created_at timestamptz not null default now(),
      unique (user_id, kind)
    )`.execute(db);
  await sql`create index user_secret_kek on user_secret(kek_version)`.execute(db);
}
