import { readFileSync } from 'node:fs';

export function fixture(path: string): Buffer {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url));
}

export function fixtureText(path: string): string {
  return fixture(path).toString('utf8');
}
