import { sql, type Kysely } from 'kysely';

// 1. The application cannot change the audit trail: UPDATE, DELETE and TRUNCATE on audit_log and
//    audit_checkpoint raise an error in every session, whatever the code does. Only the tables'
//    owner can switch the guard off (ALTER TABLE … DISABLE TRIGGER); with R16's roles the
//    application does not own them. There is no pruning: checkpoints are kept like the rows.
// 2. Indexes for the audit view's filters (request id, object, action, time), newest first.
// 3. Biometric templates under envelope encryption (platform/crypto): a data key per record,
//    wrapped by a key-encryption key (KEK) kept outside the database; `kek_version` says which.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit records are append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  for (const table of ['audit_log', 'audit_checkpoint']) {
    await sql.raw(`create trigger ${table}_no_change before update or delete on ${table} for each row execute function audit_append_only()`).execute(db);
    await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function audit_append_only()`).execute(db);
  }
  await sql`create index audit_request on audit_log(request_id)`.execute(db);
  await sql`create index audit_object_seq on audit_log(object_id, seq)`.execute(db);
  await sql`create index audit_action_seq on audit_log(action, seq)`.execute(db);
  await sql`create index audit_actor_seq on audit_log(actor, seq)`.execute(db);
  await sql`create index audit_at on audit_log(at)`.execute(db);

  await sql`
    create table biometric_template (
      id uuid primary key,
      person_id uuid not null references person(id),
      modality text not null,
      format text not null,
      ciphertext bytea not null,
      wrapped_key bytea not null,
      kek_version integer not null,
      created_by uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index biometric_template_person on biometric_template(person_id)`.execute(db);
  await sql`create index biometric_template_kek on biometric_template(kek_version)`.execute(db);
}
