// Kysely dialect for PGlite. Written here because the published dialects either pin older PGlite
// releases or pull a code generator and CLI framework into production installs.
import type { PGlite, Transaction as PGliteTx } from '@electric-sql/pglite';
import {
  CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings,
} from 'kysely';

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.pg.query<R>(q.sql, q.parameters as unknown[]);
    const affected = res.affectedRows ?? 0;
    return { rows: res.rows, numAffectedRows: BigInt(affected) };
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on PGlite');
  }
}

// PGlite is a single connection: transactions are serialised through a promise queue so that two
// requests never interleave statements inside one another's transaction.
class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly conn: PGliteConnection;
  constructor(private readonly pg: PGlite) {
    this.conn = new PGliteConnection(pg);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.queue;
    this.queue = prev.then(() => next);
    await prev;
    (this.conn as unknown as { release: () => void }).release = release;
    return this.conn;
  }
  async beginTransaction(c: DatabaseConnection, s: TransactionSettings): Promise<void> {
    const iso = s.isolationLevel ? ` isolation level ${s.isolationLevel}` : '';
    await c.executeQuery(CompiledQuery.raw(`begin${iso}`));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    (c as unknown as { release: () => void }).release();
  }
  async destroy(): Promise<void> {
    await this.queue;
    await this.pg.close();
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter() { return new PostgresAdapter(); }
  createDriver() { return new PGliteDriver(this.pg); }
  createQueryCompiler() { return new PostgresQueryCompiler(); }
  createIntrospector(db: Kysely<any>) { return new PostgresIntrospector(db); }
}
export type { PGliteTx };
