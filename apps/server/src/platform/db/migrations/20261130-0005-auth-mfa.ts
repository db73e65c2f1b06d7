import { sql, type Kysely } from 'kysely';

// Second factors (TOTP, passkeys), login steps on sessions, the lockout window, and clearance
// grants that wait for a second administrator. Forward-only.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS.split(/;\s*\n/).map((x) => x.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

const STATEMENTS = `
    alter table app_user add column totp_secret text;
    alter table app_user add column totp_pending_secret text;
    alter table app_user add column totp_last_step bigint;
    alter table app_user add column totp_enrolled_at timestamptz;
    alter table app_user add column last_failed_at timestamptz;
    alter table user_session add column second_factor_at timestamptz;
    alter table user_session add column webauthn_challenge text;
    create table webauthn_credential (
      id text primary key,
      user_id uuid not null references app_user(id),
      public_key bytea not null,
      counter bigint not null default 0,
      transports text[] not null default '{}',
      name text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    );
    create index webauthn_credential_user on webauthn_credential(user_id);
    create table clearance_grant (
      id uuid primary key,
      user_id uuid not null references app_user(id),
      clearance text not null,
      status text not null default 'PENDING',
      requested_by uuid not null references app_user(id),
      requested_at timestamptz not null default now(),
      decided_by uuid references app_user(id),
      decided_at timestamptz
    );
    create unique index clearance_grant_one_pending on clearance_grant(user_id) where status = 'PENDING';
`;
