import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseOfacCsv, parseOfacXml, parseUnConsolidatedXml, type ParsedList } from '../src/index';

/** Repository root, found from this file's location (npm -w runs scripts in the package folder). */
export const repoRoot = new URL('../../..', import.meta.url).pathname;
export const sharedData = join(repoRoot, '..', 'shared', 'data');
export const DEFAULT_UN = join(sharedData, 'watchlists/un/consolidated_2026-02-27.xml');
export const DEFAULT_OFAC = join(sharedData, 'watchlists/ofac/2024-05-03_jackdwyer');

export function loadUn(file: string): ParsedList {
  if (!existsSync(file)) throw new Error(`UN list not found: ${file}`);
  return parseUnConsolidatedXml(readFileSync(file));
}

/** A folder with sdn.csv (and optional alt.csv, add.csv, sdn_comments.csv) or sdn.xml. */
export function loadOfacDir(dir: string): ParsedList {
  const opt = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f)) : undefined);
  if (existsSync(join(dir, 'sdn.csv'))) {
    const version = /^\d{4}-\d{2}(-\d{2})?/.exec(basename(dir))?.[0] ?? basename(dir);
    return parseOfacCsv({ sdn: readFileSync(join(dir, 'sdn.csv')), alt: opt('alt.csv'), add: opt('add.csv'), comments: opt('sdn_comments.csv') }, version);
  }
  if (existsSync(join(dir, 'sdn.xml'))) return parseOfacXml(readFileSync(join(dir, 'sdn.xml')));
  throw new Error(`no sdn.csv or sdn.xml in OFAC folder ${dir}`);
}
