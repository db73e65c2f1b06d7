import { generate } from 'otplib';

// The authenticator app of the test: RFC 6238 codes from the secret the enrolment page shows.
// The server takes each 30 s step once and one step ahead at most, so a second sign-in within the
// same step uses the next step's code, and a third waits for the clock.
const PERIOD_MS = 30_000;
const used = new Map<string, number>();

export async function nextCode(secret: string): Promise<string> {
  const last = used.get(secret) ?? -1;
  while (last + 1 > Math.floor(Date.now() / PERIOD_MS) + 1) await new Promise((r) => setTimeout(r, 500));
  const at = Math.max(Date.now(), (last + 1) * PERIOD_MS);
  used.set(secret, Math.floor(at / PERIOD_MS));
  return generate({ secret, epoch: Math.floor(at / 1000) });
}

/** A code that is certainly wrong now. */
export async function wrongCode(secret: string): Promise<string> {
  const now = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  return String((Number(now) + 500_001) % 1_000_000).padStart(6, '0');
}
