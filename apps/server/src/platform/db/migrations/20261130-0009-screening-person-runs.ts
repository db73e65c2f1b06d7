import { sql, type Kysely } from 'kysely';

// A person registered or corrected by hand is screened on its own: a run may be scoped to one person.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table screening_run add column person_id uuid references person(id)`.execute(db);
  await sql`alter table screening_run add constraint screening_run_scope_target check (
    (scope = 'import' and import_id is not null) or (scope = 'person' and person_id is not null) or scope = 'all')`.execute(db);
}
