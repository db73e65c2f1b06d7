// The only reader of process.env: parsed once, frozen, passed down.
import { z } from 'zod';
import path from 'node:path';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional().describe('PostgreSQL server; embedded PGlite in DATA_DIR when absent. The owner of the tables: migrations run as it'),
  APP_DATABASE_URL: z.string().url().optional().describe('PostgreSQL login role the server serves through: a member of custodian_app that owns nothing, so row-level security applies (required in production)'),
  CUSTODIAN_PROFILE: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(30).describe('login and second-factor attempts from one address, refused before any hash is computed'),
  LOGIN_ATTEMPTS_PER_USER_PER_MINUTE: z.coerce.number().int().positive().default(10).describe('attempts against one user name, known or not'),
  PUBLIC_URL: z.string().url().optional().describe('the origin browsers use (https://custodian.example); requests from other origins are refused'),
  WEBAUTHN_ORIGIN: z.string().url().optional().describe('the origin security keys sign for; default PUBLIC_URL, else http://localhost:PORT'),
  WEBAUTHN_RP_ID: z.string().regex(/^[a-z0-9.-]+$/i, 'a host name').optional().describe('the WebAuthn relying-party id (a host name); default the host of WEBAUTHN_ORIGIN'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(50 * 1_048_576),
  AUDIT_WITNESS_DIR: z.string().optional().describe('signed audit checkpoints and public keys, outside the database; default DATA_DIR/audit-witness'),
  AUDIT_SIGNING_KEY_FILE: z.string().optional().describe('Ed25519 private key (PEM, 0600) that signs checkpoints; default DATA_DIR/audit-key/ed25519.pem'),
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().min(0).default(5).describe('seconds between checkpoints while the log grows; 0 = off'),
  BIOMETRIC_KEK_DIR: z.string().optional().describe('key-encryption keys for biometric data (kek-v<N>.key, 0600), outside the database; default DATA_DIR/keys/biometric'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  appDatabaseUrl: string | undefined;
  profile: 'development' | 'production' | 'test';
  logLevel: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  cookieSecure: 'auto' | 'true' | 'false';
  loginPerIpPerMinute: number;
  loginPerUserPerMinute: number;
  publicOrigin: string | null;
  webauthnOrigin: string;
  webauthnRpId: string;
  bodyLimit: number;
  uploadLimit: number;
  auditWitnessDir: string;
  auditSigningKeyFile: string;
  auditCheckpointMs: number;
  biometricKekDir: string;
}>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as shells and CI files often write it.
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration in the environment:\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicOrigin = e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null;
  const webauthnOrigin = e.WEBAUTHN_ORIGIN ? new URL(e.WEBAUTHN_ORIGIN).origin : publicOrigin ?? `http://localhost:${e.PORT}`;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.APP_DATABASE_URL,
    profile: e.CUSTODIAN_PROFILE,
    logLevel: e.LOG_LEVEL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE,
    loginPerIpPerMinute: e.LOGIN_ATTEMPTS_PER_IP_PER_MINUTE,
    loginPerUserPerMinute: e.LOGIN_ATTEMPTS_PER_USER_PER_MINUTE,
    publicOrigin,
    webauthnOrigin,
    webauthnRpId: e.WEBAUTHN_RP_ID ?? new URL(webauthnOrigin).hostname,
    bodyLimit: e.BODY_LIMIT_BYTES,
    uploadLimit: e.UPLOAD_LIMIT_BYTES,
    auditWitnessDir: path.resolve(e.AUDIT_WITNESS_DIR ?? path.join(dataDir, 'audit-witness')),
    auditSigningKeyFile: path.resolve(e.AUDIT_SIGNING_KEY_FILE ?? path.join(dataDir, 'audit-key', 'ed25519.pem')),
    auditCheckpointMs: Math.round(e.AUDIT_CHECKPOINT_SECONDS * 1000),
    biometricKekDir: path.resolve(e.BIOMETRIC_KEK_DIR ?? path.join(dataDir, 'keys', 'biometric')),
  });
}
