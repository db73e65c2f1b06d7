// `npm run bench -w packages/biometrics`: every biometric benchmark in turn.
// Each part lives in its own file so the fingerprint and face benches can be run alone too.
import { existsSync } from 'node:fs';

for (const part of ['fingerprint', 'face']) {
  const file = new URL(`./${part}.ts`, import.meta.url);
  if (existsSync(file)) await import(file.href);
}
