import { sql, type Kysely } from 'kysely';

// GIN's fast-update pending list is only merged by vacuum, and PGlite runs no autovacuum: every
// search would scan an ever-growing list. Entries go straight into the index instead.
export async function up(db: Kysely<any>): Promise<void> {
  for (const index of ['person_search_keys', 'person_nationality', 'person_flags']) {
    await sql.raw(`alter index ${index} set (fastupdate = off)`).execute(db);
  }
}
