import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as foundation from './migrations/20261123-0001-foundation';
import * as auditCheckpoint from './migrations/20261123-0002-audit-checkpoint';
import * as ginNoPendingList from './migrations/20261123-0003-gin-no-pending-list';
import * as screening from './migrations/20261130-0004-screening';
import * as authMfa from './migrations/20261130-0005-auth-mfa';
import * as accessRls from './migrations/20261130-0006-access-rls';
import * as auditKeys from './migrations/20261130-0007-audit-keys';
import * as sealedSecrets from './migrations/20261130-0008-sealed-secrets';
import * as screeningPersonRuns from './migrations/20261130-0009-screening-person-runs';

// Listed in code (not read from a folder) so a bundle or a test run cannot miss one.
const MIGRATIONS: Record<string, Migration> = {
  '20261123-0001-foundation': foundation,
  '20261123-0002-audit-checkpoint': auditCheckpoint,
  '20261123-0003-gin-no-pending-list': ginNoPendingList,
  '20261130-0004-screening': screening,
  '20261130-0005-auth-mfa': authMfa,
  '20261130-0006-access-rls': accessRls,
  '20261130-0007-audit-keys': auditKeys,
  '20261130-0008-sealed-secrets': sealedSecrets,
  '20261130-0009-screening-person-runs': screeningPersonRuns,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

// Forward-only: Kysely's Postgres adapter takes an advisory lock, so concurrent starts migrate once.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
