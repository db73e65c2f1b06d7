import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PlannerError, ScenarioError } from '../src/index';

/** Repo root, found from this script's location (npm -w changes the working directory). */
export const repoRoot = new URL('../../..', import.meta.url).pathname;
/** Paths given on the command line are relative to where the user ran npm from. */
const cwd = process.env.INIT_CWD ?? process.cwd();

export class CliError extends Error {}

export function args(options: ParseArgsConfig['options']): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ options, allowPositionals: false, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export function readJson(path: string, what: string): unknown {
  const full = resolve(cwd, path);
  let text: string;
  try { text = readFileSync(full, 'utf8'); } catch (e) { throw new CliError(`cannot read ${what} file ${full}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  try { return JSON.parse(text); } catch (e) { throw new CliError(`${what} file ${full} is not valid JSON: ${(e as Error).message}`); }
}

export function writeJson(path: string, data: unknown): void {
  writeFileSync(resolve(cwd, path), JSON.stringify(data, null, 1) + '\n');
}

/** Runs a CLI main, turning known errors into one clear message and exit code 2. */
export function runCli(main: () => Promise<number>): void {
  main().then((code) => { process.exitCode = code; }, (e: unknown) => {
    if (e instanceof CliError || e instanceof ScenarioError || e instanceof PlannerError) console.error(`error: ${e.message}`);
    else console.error(`error: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 2;
  });
}
