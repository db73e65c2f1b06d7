import {
  facilityPolicy, isUnrestricted, operationPolicy, personPolicy, type Decision, type FacilityRecordRef, type PersonRecordRef,
} from '@custodian/contracts';
import { sql, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { appendAudit } from '../audit/audit-log';
import { afterBulkLoad } from '../db/maintenance';
import { AppError } from '../http/errors';
import { SYSTEM_ACTOR, type Actor } from './actor';
import { visibleClassifications } from './visibility';

export type AccessActor = Pick<Actor, 'id' | 'username' | 'roles' | 'clearance' | 'permissions' | 'assignments'>;
/** assigned: what the actor works on; all: every record within clearance (oversight roles); system: everything (named, audited). */
export type Scope = 'assigned' | 'all' | 'system';

/**
 * A denial of one record (404 invisible, 403 visible but not allowed). The error is audited by the
 * access hook after the request's transaction has rolled back, so the denial row survives it.
 */
export class RecordDenied extends AppError {
  constructor(code: 'not_found' | 'forbidden', message: string, readonly objectType: string, readonly objectId: string, readonly reason: string) {
    super(code, message);
  }
}

/**
 * The actor-bound database handle: every transaction it opens carries the actor's context for
 * row-level security (PostgreSQL server, second line), and its query starters add the same
 * visibility filter in SQL (first line, every engine). Services read persons, facilities and
 * operations only through it.
 */
export class AccessDb {
  private constructor(private readonly db: Db, readonly actor: AccessActor, readonly scope: Scope, private readonly purpose: string | null, private readonly requestId: string | null = null) {}

  static forActor(db: Db, actor: AccessActor): AccessDb {
    return new AccessDb(db, actor, isUnrestricted(actor) ? 'all' : 'assigned', null);
  }

  /** The one privileged path (CLI, demo loader, bootstrap, jobs): sees everything, and each transaction it opens is audited with its purpose. */
  static system(db: Db, purpose: string, requestId: string | null = null): AccessDb {
    return new AccessDb(db, SYSTEM_ACTOR, 'system', purpose, requestId);
  }

  /** Table maintenance after a bulk load has committed (VACUUM runs outside any transaction; no rows are read). */
  afterBulkLoad(): Promise<void> {
    return afterBulkLoad(this.db);
  }

  /** Runs work in a new transaction bound to the actor. */
  run<T>(work: (t: AccessTx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (tx) => work(await this.bind(tx)));
  }

  /** Binds an already open transaction (runMutation's) to the actor. */
  async bind(tx: Transaction<Database>): Promise<AccessTx> {
    const a = this.actor;
    await sql`select set_config('custodian.user_id', ${a.id}, true), set_config('custodian.clearance', ${a.clearance}, true),
      set_config('custodian.scope', ${this.scope}, true), set_config('custodian.operations', ${pgArray(a.assignments.operationIds)}, true),
      set_config('custodian.facilities', ${pgArray(a.assignments.facilityIds)}, true)`.execute(tx);
    if (this.scope === 'system') {
      await appendAudit(tx, { actorId: a.id, actor: a.username, action: 'system.access', objectType: 'database', objectId: null, outcome: 'success', requestId: this.requestId ?? undefined, details: { purpose: this.purpose } });
    }
    return new AccessTx(tx, a, this.scope);
  }
}

const pgArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

export class AccessTx {
  constructor(readonly tx: Transaction<Database>, readonly actor: AccessActor, readonly scope: Scope) {}

  private get visible(): string[] { return visibleClassifications(this.actor.clearance); }

  /** SQL condition: the person row (table `person`) is visible to the actor. */
  personVisible(): RawBuilder<SqlBool> {
    if (this.scope === 'system') return sql<SqlBool>`true`;
    const { operationIds, facilityIds } = this.actor.assignments;
    return sql<SqlBool>`(person.classification = any(${this.visible}::text[]) and (${this.scope === 'all'}
      or person.operation_id = any(${operationIds}::uuid[]) or person.facility_id = any(${facilityIds}::uuid[])))`;
  }

  /** SQL condition: the facility row (table `facility`) is visible to the actor. */
  facilityVisible(): RawBuilder<SqlBool> {
    if (this.scope === 'system') return sql<SqlBool>`true`;
    const { operationIds, facilityIds } = this.actor.assignments;
    return sql<SqlBool>`(facility.classification = any(${this.visible}::text[]) and (${this.scope === 'all'}
      or facility.operation_id = any(${operationIds}::uuid[]) or facility.id = any(${facilityIds}::uuid[])))`;
  }

  persons() {
    return this.tx.selectFrom('person').where(this.personVisible());
  }

  /** Persons with their facility's name when the facility too is visible. */
  personsWithFacility() {
    return this.tx.selectFrom('person')
      .leftJoin('facility', (j) => j.onRef('facility.id', '=', 'person.facility_id').on(this.facilityVisible()))
      .where(this.personVisible());
  }

  facilities() {
    return this.tx.selectFrom('facility').where(this.facilityVisible());
  }

  operations() {
    let q = this.tx.selectFrom('operation');
    if (this.scope === 'assigned') {
      const a = this.actor.assignments;
      q = q.where(sql<SqlBool>`(operation.id = any(${a.operationIds}::uuid[]) or operation.id = any(${a.facilityOperationIds}::uuid[]))`);
    }
    return q;
  }

  person(p: PersonRecordRef): Decision { return this.scope === 'system' ? SYSTEM_DECISION : personPolicy(this.actor, p); }
  facility(f: FacilityRecordRef): Decision { return this.scope === 'system' ? SYSTEM_DECISION : facilityPolicy(this.actor, f); }
  operation(o: { id: string }): Decision { return this.scope === 'system' ? SYSTEM_DECISION : operationPolicy(this.actor, o); }
}

const SYSTEM_DECISION: Decision = { read: true, update: true, hiddenFields: [], actions: ['read', 'update', 'register-person', 'add-facility'] };

/** 404 when the actor may not see the record, 403 when they see it but the action is not theirs. */
export function requireAction(d: Decision, action: 'update' | 'register-person' | 'add-facility', objectType: string, objectId: string, what: string): void {
  if (!d.read) throw new RecordDenied('not_found', `${what} was not found`, objectType, objectId, 'not visible to the actor');
  if (!d.actions.includes(action)) throw new RecordDenied('forbidden', `you may read ${what} but not ${action.replace('-', ' ')} it`, objectType, objectId, `${action} not allowed by policy`);
}
