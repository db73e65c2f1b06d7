import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

// RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s.
const PERIOD = 30;
// One step either side of now: a phone clock a little off still works, and no wider.
const TOLERANCE_S = PERIOD;

export const ISSUER = 'Custodian';

export const newTotpSecret = (): string => generateSecret({ length: 20 });

export async function totpSetup(secret: string, username: string): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
  const otpauthUri = generateURI({ issuer: ISSUER, label: username, secret });
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Checks a code and returns the time step it belongs to, or null. A code whose step is not after
 * `lastStep` is refused: each code works once, so a code seen over a shoulder is worth nothing.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): Promise<number | null> {
  const result = await verify({
    secret, token: code, epoch: Math.floor(now / 1000), epochTolerance: TOLERANCE_S,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => null);
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code for a given moment (tests, and the CLI's own checks). */
export const totpCode = (secret: string, at = Date.now()): Promise<string> => generate({ secret, epoch: Math.floor(at / 1000) });
export const totpStep = (at = Date.now()): number => Math.floor(at / 1000 / PERIOD);
export const TOTP_PERIOD_MS = PERIOD * 1000;
