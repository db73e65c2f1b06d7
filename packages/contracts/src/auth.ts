import { z } from 'zod';
import { Clearance } from './enums';
import { Permission, Role } from './permissions';

export const LoginRequest = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
});

// Password policy: long passphrases over composition rules (NIST SP 800-63B).
export const NewPassword = z
  .string()
  .min(12, 'a password needs at least 12 characters')
  .max(256, 'a password may have at most 256 characters');

export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword });

export const Me = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  clearance: Clearance,
  permissions: z.array(Permission).describe('What this user may do; the web app shows only these actions'),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const UserCreate = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,60}$/, 'lower-case letters, digits, dot, dash, underscore; 3–60 characters'),
  displayName: z.string().min(1).max(200),
  roles: z.array(Role).min(1),
  clearance: Clearance,
  password: NewPassword,
});
export const User = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  clearance: Clearance,
  disabled: z.boolean(),
});
