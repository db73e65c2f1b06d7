import { sql, type Kysely } from 'kysely';

// Forward-only. Each statement is plain PostgreSQL that both PGlite and a server accept.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS.split(/;\s*\n/).map((x) => x.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

const STATEMENTS = `
    create table operation (
      id uuid primary key,
      code text not null unique,
      name text not null,
      target_persons integer not null default 0,
      start_date date,
      end_date date,
      demo boolean not null default false,
      created_at timestamptz not null default now()
    );
    create table app_user (
      id uuid primary key,
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      roles text[] not null,
      clearance text not null,
      must_change_password boolean not null default false,
      disabled boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      version integer not null default 1
    );
    insert into app_user (id, username, display_name, password_hash, roles, clearance, disabled)
      values ('00000000-0000-0000-0000-000000000000', 'system', 'Custodian system (CLI, jobs, demo loader)', '!', '{ADMINISTRATOR}', 'SECRET', true);
    create table user_session (
      id_hash text primary key,
      user_id uuid not null references app_user(id),
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index user_session_user on user_session(user_id);
    create table facility (
      id uuid primary key,
      operation_id uuid not null references operation(id),
      code text not null,
      name text not null,
      name_ar text,
      kind text not null,
      holding_authority text not null,
      country text not null,
      latitude double precision,
      longitude double precision,
      location_classification text not null default 'UNCLASSIFIED',
      capacity_certified integer not null,
      capacity_working integer not null,
      capacity_maximum integer not null,
      risk_level text not null,
      classification text not null default 'UNCLASSIFIED',
      demo boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (operation_id, code)
    );
    create table facility_risk (
      id bigserial primary key,
      facility_id uuid not null references facility(id),
      level text not null,
      note text,
      recorded_at timestamptz not null default now(),
      recorded_by uuid references app_user(id)
    );
    create index facility_risk_facility on facility_risk(facility_id, recorded_at);
    create sequence person_number_seq;
    create table person (
      id uuid primary key,
      operation_id uuid not null references operation(id),
      system_number text not null unique,
      primary_name text not null,
      arabic_name text,
      sex text not null,
      dob jsonb not null,
      dob_sort integer,
      place_of_birth text,
      nationalities jsonb not null default '[]',
      nationality_codes text[] not null default '{}',
      documents jsonb not null default '[]',
      languages text[] not null default '{}',
      physical_description text,
      marks jsonb not null default '[]',
      risk_class text not null,
      status text not null default 'HELD',
      facility_id uuid references facility(id),
      family jsonb not null default '[]',
      property jsonb not null default '[]',
      intake jsonb not null,
      names jsonb not null,
      classification text not null default 'RESTRICTED',
      flags text[] not null default '{}',
      search_keys text[] not null default '{}',
      import_id uuid,
      demo boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index person_search_keys on person using gin (search_keys);
    create index person_nationality on person using gin (nationality_codes);
    create index person_facility on person(facility_id, status);
    create index person_risk on person(risk_class);
    create index person_status on person(status);
    create index person_flags on person using gin (flags);
    create table person_identifier (
      scheme text not null,
      value text not null,
      person_id uuid not null references person(id),
      primary key (scheme, value)
    );
    create index person_identifier_value on person_identifier(value);
    create index person_identifier_person on person_identifier(person_id);
    create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor text not null,
      action text not null,
      object_type text not null,
      object_id text,
      outcome text not null,
      request_id text,
      details jsonb not null default '{}',
      prev_hash text not null,
      hash text not null
    );
    create index audit_object on audit_log(object_type, object_id);
    create index audit_actor on audit_log(actor_id);
    create table idempotency_key (
      user_id uuid not null,
      key text not null,
      request_hash text not null,
      status_code integer,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (user_id, key)
    );
    create table roster_import (
      id uuid primary key,
      operation_id uuid not null references operation(id),
      facility_id uuid not null references facility(id),
      source_list text not null,
      file_name text not null,
      file_sha256 text not null,
      mapping jsonb not null,
      responsible_authority text not null,
      status text not null,
      rows_total integer not null,
      rows_valid integer not null,
      rows_duplicate integer not null default 0,
      errors jsonb not null default '[]',
      headers jsonb not null default '[]',
      sample jsonb not null default '[]',
      persons_added integer,
      file_bytes bytea not null,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      completed_at timestamptz
    );

`;
