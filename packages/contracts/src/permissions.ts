import { z } from 'zod';

// The permission catalogue. Routes declare one of these; roles grant sets of them.
export const PERMISSIONS = [
  'operations:read',
  'operations:write',
  'facilities:read',
  'facilities:write',
  'persons:read',
  'persons:write',
  'imports:write',
  'audit:read',
  'biometrics:enrol',
  'users:admin',
  'reference:admin',
  'watchlists:read',
  'watchlists:write',
  'screening:read',
  'screening:review',
  'screening:match',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const ROLES = [
  'OPERATIONS_PLANNER',
  'CUSTODY_OFFICER',
  'BIOMETRIC_EXAMINER',
  'ANALYST',
  'LEGAL_OFFICER',
  'LIAISON_OFFICER',
  'MEDICAL_OFFICER',
  'HUMANITARIAN_MONITOR',
  'ADMINISTRATOR',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const READ_REGISTRY: Permission[] = ['operations:read', 'facilities:read', 'persons:read'];

// Need-to-know (Mandela Rule 9): each role gets what its work needs and nothing more.
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OPERATIONS_PLANNER: [...READ_REGISTRY, 'operations:write', 'facilities:write'],
  CUSTODY_OFFICER: [...READ_REGISTRY, 'persons:write', 'imports:write'],
  BIOMETRIC_EXAMINER: [...READ_REGISTRY, 'biometrics:enrol'],
  // Analysts screen against watchlists and review hits (DOMAIN.md); hits carry person data.
  ANALYST: [...READ_REGISTRY, 'watchlists:read', 'screening:read', 'screening:review', 'screening:match'],
  LEGAL_OFFICER: [...READ_REGISTRY],
  LIAISON_OFFICER: [...READ_REGISTRY],
  MEDICAL_OFFICER: [...READ_REGISTRY],
  HUMANITARIAN_MONITOR: [...READ_REGISTRY, 'audit:read'],
  // The administrator loads reference data, rosters included, so a new deployment can start without a second account.
  ADMINISTRATOR: [...READ_REGISTRY, 'users:admin', 'reference:admin', 'audit:read', 'facilities:write', 'operations:write', 'imports:write',
    // Lists are reference data; the administrator loads them but does not review hits (need-to-know).
    'watchlists:read', 'watchlists:write'],
};

/**
 * The roles of a stored account that this version knows. A role it does not know (written by a
 * later version, or by hand) grants nothing and is not shown, rather than failing the sign-in.
 */
export function knownRoles(stored: readonly string[]): Role[] {
  return stored.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}
