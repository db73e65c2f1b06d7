import { z } from 'zod';
import { clearanceRank, type Clearance } from './enums';
import type { Permission, Role } from './permissions';

// Need-to-know as pure functions: the server decides with them and the web app shows what they
// answer (records carry `allowedActions`), so the rules are written once, here.

/** What one user works on (DOMAIN.md: "a user works on given operations and facilities"). */
export const UserAssignments = z.object({
  operationIds: z.array(z.string().uuid()).max(1000).describe('Operations the user works on: every facility and person in them'),
  facilityIds: z.array(z.string().uuid()).max(1000).describe('Facilities the user works on: the facility and the persons held there'),
}).strict();
export type UserAssignments = z.infer<typeof UserAssignments>;
/** Body of PUT /api/users/:id/assignments: replaces the user's whole assignment (users:admin). */
export const UserAssignmentsUpdate = UserAssignments;
/** Answer of GET and PUT /api/users/:id/assignments. */
export const UserAssignmentsView = UserAssignments.extend({
  userId: z.string().uuid(),
  unrestricted: z.boolean().describe('True when the user\'s role reads every record its clearance allows, assignment or not'),
});
export type UserAssignmentsView = z.infer<typeof UserAssignmentsView>;

export const RecordAction = z.enum(['read', 'update', 'register-person', 'add-facility'])
  .describe('read: open the record; update: change it; register-person: intake into this facility; add-facility: add a facility to this operation');
export type RecordAction = z.infer<typeof RecordAction>;
export const AllowedActions = z.array(RecordAction).describe('What the requesting user may do with this record, from the shared policy');

// Humanitarian monitors must be able to check that nobody in custody disappears, so they read every
// record their clearance allows (read-only: they hold no write permission). Administrators manage
// reference data across operations. Every other role sees only what it is assigned to.
export const UNRESTRICTED_ROLES: readonly Role[] = ['ADMINISTRATOR', 'HUMANITARIAN_MONITOR'];

export type PolicyActor = {
  roles: readonly Role[];
  clearance: Clearance;
  permissions: ReadonlySet<Permission>;
  /** facilityOperationIds: the operations of the assigned facilities (an assigned facility makes its operation visible). */
  assignments: { operationIds: readonly string[]; facilityIds: readonly string[]; facilityOperationIds: readonly string[] };
};

export type Decision = { read: boolean; update: boolean; hiddenFields: readonly string[]; actions: RecordAction[] };

const DENY: Decision = Object.freeze({ read: false, update: false, hiddenFields: Object.freeze([]) as readonly string[], actions: [] as RecordAction[] });

const KNOWN = new Set<string>(['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET']);
/** Clearance at or above the classification; an unknown label on either side denies. */
export function cleared(clearance: string, classification: string): boolean {
  if (!KNOWN.has(clearance) || !KNOWN.has(classification)) return false;
  return clearanceRank(clearance as Clearance) >= clearanceRank(classification as Clearance);
}

export const isUnrestricted = (a: Pick<PolicyActor, 'roles'>): boolean => a.roles.some((r) => UNRESTRICTED_ROLES.includes(r));

const assignedTo = (a: PolicyActor, operationId: string | null, facilityId: string | null): boolean =>
  (operationId !== null && a.assignments.operationIds.includes(operationId)) || (facilityId !== null && a.assignments.facilityIds.includes(facilityId));

function decide(read: boolean, update: boolean, hiddenFields: readonly string[], extra: RecordAction[] = []): Decision {
  if (!read) return DENY;
  return { read, update, hiddenFields, actions: ['read' as const, ...(update ? ['update' as const] : []), ...extra] };
}

export type PersonRecordRef = { classification: string; operationId: string; facilityId: string | null };

/** A person's record: read within clearance and assignment; change only where assigned to work. */
export function personPolicy(a: PolicyActor, p: PersonRecordRef): Decision {
  if (!a.permissions.has('persons:read') || !cleared(a.clearance, p.classification)) return DENY;
  const assigned = assignedTo(a, p.operationId, p.facilityId);
  const read = assigned || isUnrestricted(a);
  // Unrestricted reading is for oversight; changing a record needs the assignment to do the work.
  return decide(read, assigned && a.permissions.has('persons:write'), []);
}

export type FacilityRecordRef = { id: string; operationId: string; classification: string; locationClassification: string };

/** A facility: its location is a field of its own, hidden below its classification. */
export function facilityPolicy(a: PolicyActor, f: FacilityRecordRef): Decision {
  if (!a.permissions.has('facilities:read') || !cleared(a.clearance, f.classification)) return DENY;
  const assigned = assignedTo(a, f.operationId, f.id);
  const read = assigned || isUnrestricted(a);
  const hiddenFields = cleared(a.clearance, f.locationClassification) ? [] : ['latitude', 'longitude'];
  // Administrators keep reference data for every operation. Nobody may rewrite a field hidden from
  // them: an update sends the whole record, and a blind write would overwrite what they cannot see.
  const update = a.permissions.has('facilities:write') && (assigned || a.roles.includes('ADMINISTRATOR')) && hiddenFields.length === 0;
  const register = assigned && a.permissions.has('persons:write');
  return decide(read, update, hiddenFields, register ? ['register-person'] : []);
}

export type OperationRecordRef = { id: string };

/** An operation: visible to those who work on it or on one of its facilities. */
export function operationPolicy(a: PolicyActor, o: OperationRecordRef): Decision {
  if (!a.permissions.has('operations:read')) return DENY;
  const assigned = a.assignments.operationIds.includes(o.id);
  const read = assigned || a.assignments.facilityOperationIds.includes(o.id) || isUnrestricted(a);
  const update = a.permissions.has('operations:write') && (assigned || a.roles.includes('ADMINISTRATOR'));
  return decide(read, update, [], a.permissions.has('facilities:write') && (assigned || a.roles.includes('ADMINISTRATOR')) ? ['add-facility'] : []);
}

/** Drops the fields a decision hides: absent from the answer, not masked. */
export function withoutHiddenFields<T extends Record<string, unknown>>(record: T, d: Pick<Decision, 'hiddenFields'>): T {
  if (d.hiddenFields.length === 0) return record;
  const out: Record<string, unknown> = { ...record };
  for (const f of d.hiddenFields) delete out[f];
  return out as T;
}
