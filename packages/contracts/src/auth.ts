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

// What a signed-in session still owes before it may do anything else, in the order asked.
export const LoginStep = z.enum(['second-factor', 'change-password', 'enrol-second-factor'])
  .describe('second-factor: a TOTP code or a passkey; change-password: replace a one-time password; enrol-second-factor: set up TOTP or a passkey');
export type LoginStep = z.infer<typeof LoginStep>;

export const SecondFactors = z.object({
  totp: z.boolean().describe('an authenticator app is enrolled'),
  passkeys: z.number().int().min(0).describe('registered passkeys (WebAuthn)'),
});

export const Me = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  clearance: Clearance,
  permissions: z.array(Permission).describe('What this user may do now; empty until every login step is done'),
  mustChangePassword: z.boolean(),
  next: LoginStep.nullable().describe('the login step still owed; null when the session is complete'),
  secondFactors: SecondFactors,
});
export type Me = z.infer<typeof Me>;

export const TotpCode = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits from the authenticator app') });
export const TotpSetup = z.object({
  secret: z.string().describe('base32 secret, for typing into an authenticator app'),
  otpauthUri: z.string(),
  qrDataUrl: z.string().describe('the otpauth URI as a QR code (SVG data URL)'),
});
export type TotpSetup = z.infer<typeof TotpSetup>;

// WebAuthn (security keys, passkeys). Options and responses are the W3C JSON forms that
// @simplewebauthn/browser produces and reads; their inner fields are checked by the verifier.
export const WebauthnOptions = z.record(z.string(), z.unknown()).describe('PublicKeyCredentialCreationOptionsJSON or PublicKeyCredentialRequestOptionsJSON');
const B64URL = z.string().min(1).max(4096).regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');
const CredentialBase = {
  id: B64URL, rawId: B64URL, type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};
export const WebauthnRegistration = z.object({
  name: z.string().trim().min(1, 'name the key').max(100),
  response: z.object({
    ...CredentialBase,
    response: z.object({
      clientDataJSON: B64URL, attestationObject: B64URL.max(16384),
      transports: z.array(z.string().max(20)).max(10).optional(),
    }).passthrough(),
  }),
});
export const WebauthnAssertion = z.object({
  response: z.object({
    ...CredentialBase,
    response: z.object({
      clientDataJSON: B64URL, authenticatorData: B64URL, signature: B64URL, userHandle: z.string().max(4096).optional(),
    }).passthrough(),
  }),
});
export const WebauthnCredential = z.object({
  id: z.string(),
  name: z.string(),
  transports: z.array(z.string()),
  createdAt: z.string().datetime(),
  lastUsedAt: z.string().datetime().nullable(),
});
export type WebauthnCredential = z.infer<typeof WebauthnCredential>;
export const WebauthnCredentialList = z.object({ items: z.array(WebauthnCredential) });

export const UserCreate = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,60}$/, 'lower-case letters, digits, dot, dash, underscore; 3–60 characters'),
  displayName: z.string().min(1).max(200),
  roles: z.array(Role).min(1),
  clearance: Clearance,
  password: NewPassword.optional().describe('a one-time password; generated and returned once when absent'),
});
export const User = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  clearance: Clearance,
  disabled: z.boolean(),
  locked: z.boolean().optional(),
  secondFactors: SecondFactors.optional(),
  pendingClearance: Clearance.nullable().optional().describe('a clearance grant waiting for a second administrator'),
});
export type User = z.infer<typeof User>;
export const UserCreated = User.extend({
  oneTimePassword: z.string().optional().describe('shown once; the user must change it at first login'),
});
export type UserCreated = z.infer<typeof UserCreated>;
export const UserRolesUpdate = z.object({ roles: z.array(Role).min(1) });
export const UserClearanceUpdate = z.object({ clearance: Clearance });

export const ClearanceGrant = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  username: z.string(),
  clearance: Clearance,
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
  requestedBy: z.string().describe('user name of the administrator who asked'),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ClearanceGrant = z.infer<typeof ClearanceGrant>;
