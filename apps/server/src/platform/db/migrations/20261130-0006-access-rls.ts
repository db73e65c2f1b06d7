import { sql, type Kysely } from 'kysely';

// Need-to-know, second line (R16). Assignments say what each user works on; row-level security
// on the tables that hold persons and their whereabouts answers with the same rules as
// packages/contracts/src/policy.ts, from a context the server sets per transaction
// (platform/access/access-db.ts). With no context a query sees no rows.
//
// The context is transaction-local custom settings:
//   custodian.user_id     the actor's id (unset: nothing is visible)
//   custodian.clearance   UNCLASSIFIED | RESTRICTED | CONFIDENTIAL | SECRET
//   custodian.scope       'assigned' | 'all' (roles that read everything) | 'system' (the named system handle)
//   custodian.operations  uuid[] literal of assigned operations
//   custodian.facilities  uuid[] literal of assigned facilities
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS.split(/;\s*\n(?=\s*(?:create|alter|grant|do|revoke|comment)\b)/).map((x) => x.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

const STATEMENTS = `
    create table user_operation_assignment (
      user_id uuid not null references app_user(id),
      operation_id uuid not null references operation(id),
      assigned_at timestamptz not null default now(),
      assigned_by uuid not null references app_user(id),
      primary key (user_id, operation_id)
    );
    create table user_facility_assignment (
      user_id uuid not null references app_user(id),
      facility_id uuid not null references facility(id),
      operation_id uuid not null references operation(id),
      assigned_at timestamptz not null default now(),
      assigned_by uuid not null references app_user(id),
      primary key (user_id, facility_id)
    );
    create function custodian_ctx(name text) returns text language sql stable as $fn$
      select nullif(current_setting('custodian.' || name, true), '')
    $fn$;
    create function custodian_rank(label text) returns integer language sql immutable as $fn$
      select case label when 'UNCLASSIFIED' then 0 when 'RESTRICTED' then 1 when 'CONFIDENTIAL' then 2 when 'SECRET' then 3 end
    $fn$;
    create function custodian_may_see(classification text, op uuid, fac uuid) returns boolean language sql stable as $fn$
      select coalesce(
        custodian_ctx('scope') = 'system'
        or (custodian_ctx('user_id') is not null
            and custodian_rank(classification) <= custodian_rank(custodian_ctx('clearance'))
            and (custodian_ctx('scope') = 'all'
                 or op = any(coalesce(custodian_ctx('operations'), '{}')::uuid[])
                 or fac = any(coalesce(custodian_ctx('facilities'), '{}')::uuid[]))),
        false)
    $fn$;
    alter table facility enable row level security;
    alter table facility force row level security;
    create policy facility_need_to_know on facility using (custodian_may_see(classification, operation_id, id)) with check (custodian_may_see(classification, operation_id, id));
    alter table person enable row level security;
    alter table person force row level security;
    create policy person_need_to_know on person using (custodian_may_see(classification, operation_id, facility_id)) with check (custodian_may_see(classification, operation_id, facility_id));
    alter table person_identifier enable row level security;
    alter table person_identifier force row level security;
    create policy person_identifier_need_to_know on person_identifier using (exists (select 1 from person p where p.id = person_id)) with check (exists (select 1 from person p where p.id = person_id));
    alter table facility_risk enable row level security;
    alter table facility_risk force row level security;
    create policy facility_risk_need_to_know on facility_risk using (exists (select 1 from facility f where f.id = facility_id)) with check (exists (select 1 from facility f where f.id = facility_id));
    alter table roster_import enable row level security;
    alter table roster_import force row level security;
    create policy roster_import_need_to_know on roster_import using (exists (select 1 from facility f where f.id = facility_id)) with check (exists (select 1 from facility f where f.id = facility_id));
    do $do$
    begin
      if not exists (select 1 from pg_roles where rolname = 'custodian_app') then
        create role custodian_app nologin;
      end if;
    end
    $do$;
    grant usage on schema public to custodian_app;
    grant select, insert, update, delete on all tables in schema public to custodian_app;
    grant usage, select on all sequences in schema public to custodian_app;
    alter default privileges in schema public grant select, insert, update, delete on tables to custodian_app;
    alter default privileges in schema public grant usage, select on sequences to custodian_app;
    revoke update, delete on audit_log from custodian_app;
    revoke all on kysely_migration, kysely_migration_lock from custodian_app
`;
