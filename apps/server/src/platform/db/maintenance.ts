import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

// After a bulk load (demo operation, roster import): PGlite runs no autovacuum, so without this the
// planner has no statistics (and sorts every name match instead of using the indexes), and the first
// reader of each new page pays for setting its hint bits. VACUUM also fills the visibility map that
// bitmap and index-only scans consult. On a PostgreSQL server autovacuum would get there later; doing
// it now is harmless. VACUUM cannot run inside a transaction: call this after the load has committed.
export async function afterBulkLoad(db: Kysely<Database>, tables: readonly ('person' | 'person_identifier')[] = ['person', 'person_identifier']): Promise<void> {
  await sql`vacuum (analyze) ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}
