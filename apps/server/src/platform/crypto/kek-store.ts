// Key-encryption keys live in files outside the database (BIOMETRIC_KEK_DIR; in production a
// mount only the server can read): `kek-v<N>.key`, 32 random bytes in base64, mode 0600. The
// highest version wraps new data keys; older versions stay until `custodian keys rotate` has
// re-wrapped every data key and `custodian keys retire` deletes them.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kek, KeyRing } from './envelope';

export class KekError extends Error {}

const NAME = /^kek-v([1-9][0-9]{0,6})\.key$/;
export const kekFileName = (version: number) => `kek-v${version}.key`;

function readKek(file: string, version: number): Kek {
  const st = fs.statSync(file);
  if ((st.mode & 0o077) !== 0) throw new KekError(`${file} is readable by others (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 on it`);
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new KekError(`${file} does not hold a 32-byte key in base64`);
  return { version, key };
}

export function kekVersionsIn(dir: string): number[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((f) => { const m = NAME.exec(f); return m ? [Number(m[1])] : []; }).sort((a, b) => a - b);
}

function ringOf(keks: Kek[]): KeyRing {
  const byVersion = new Map(keks.map((k) => [k.version, k]));
  return { current: keks[keks.length - 1]!, get: (v) => byVersion.get(v), versions: keks.map((k) => k.version) };
}

export function writeKek(dir: string, version: number): Kek {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const file = path.join(dir, kekFileName(version));
  const fd = fs.openSync(file, 'wx', 0o600); // never overwrite a key
  try {
    fs.writeFileSync(fd, `${key.toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { version, key };
}

// `create`: make version 1 when the directory holds no key yet (first start).
export function loadKeyRing(dir: string, opts: { create: boolean }): KeyRing {
  let versions = kekVersionsIn(dir);
  if (versions.length === 0) {
    if (!opts.create) throw new KekError(`no key-encryption key in ${dir}`);
    try {
      writeKek(dir, 1);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new KekError(`cannot create a key-encryption key in ${dir}: ${(e as Error).message}`);
    }
    versions = [1];
  }
  return ringOf(versions.map((v) => readKek(path.join(dir, kekFileName(v)), v)));
}

export function deleteKek(dir: string, version: number): void {
  fs.rmSync(path.join(dir, kekFileName(version)));
}
