import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WatchlistSource } from '@custodian/contracts';
import { parseLocalListCsv, parseOfacCsv, parseOfacXml, parseUnConsolidatedXml, WatchlistParseError, type ParsedList } from '@custodian/screening';
import { AppError } from '../../platform/http/errors';

/** A list as delivered: one file (UN XML, OFAC sdn.xml, local CSV) or the OFAC CSV set. */
export type WatchlistInput =
  | { source: WatchlistSource; kind: 'file'; fileName: string; bytes: Buffer; publishedOn?: string }
  | { source: 'ofac'; kind: 'ofac-csv'; fileName: string; files: { sdn: string; alt?: string; add?: string; comments?: string }; publishedOn?: string };

export type LoadableList = { parsed: ParsedList; fileName: string; checksum: string };

const looksXml = (b: Buffer) => /^\s*(<\?xml|<)/.test(b.subarray(0, 200).toString('utf8').replace(/^\uFEFF/, ''));

function needDate(source: string, publishedOn: string | undefined): string {
  if (!publishedOn) {
    throw new AppError('validation_failed', `a ${source} CSV carries no publication date: give publishedOn`, [{ path: 'query.publishedOn', message: 'required for this format' }]);
  }
  return publishedOn;
}

/** Parses a list; a malformed file is a 422 naming the entry and field, and nothing is loaded. */
export function parseWatchlist(input: WatchlistInput): LoadableList {
  const hash = createHash('sha256');
  try {
    let parsed: ParsedList;
    if (input.kind === 'ofac-csv') {
      for (const part of ['sdn', 'alt', 'add', 'comments'] as const) hash.update(`${part}\n`).update(input.files[part] ?? '');
      parsed = parseOfacCsv(input.files, needDate('OFAC', input.publishedOn));
    } else {
      const nul = input.bytes.indexOf(0);
      // Text columns cannot hold NUL; a list file never contains one unless it is not text at all.
      if (nul >= 0) throw new WatchlistParseError(input.source, undefined, undefined, `byte ${nul} is NUL: this is not a text file`);
      hash.update(input.bytes);
      const xml = looksXml(input.bytes);
      if (input.source === 'un') {
        if (!xml) throw new WatchlistParseError('un', undefined, undefined, 'expected the UN consolidated list as XML');
        parsed = parseUnConsolidatedXml(input.bytes);
      } else if (input.source === 'ofac') {
        parsed = xml ? parseOfacXml(input.bytes) : parseOfacCsv({ sdn: input.bytes.toString('utf8') }, needDate('OFAC', input.publishedOn));
      } else {
        if (xml) throw new WatchlistParseError('local', undefined, undefined, 'expected a local list as CSV with a header row');
        parsed = parseLocalListCsv(input.bytes, needDate('local', input.publishedOn));
      }
    }
    if (parsed.entries.length === 0) throw new WatchlistParseError(input.source, undefined, undefined, 'the file holds no entries');
    return { parsed, fileName: input.fileName, checksum: hash.digest('hex') };
  } catch (e) {
    if (e instanceof WatchlistParseError) {
      const where = [e.entry ? `entry ${e.entry}` : null, e.field ? `field ${e.field}` : null].filter(Boolean).join(', ') || input.fileName;
      throw new AppError('validation_failed', `${input.fileName}: ${e.message}; nothing was loaded`, [{ path: where, message: e.reason }]);
    }
    throw e;
  }
}

/** A date at the start of a folder name such as 2024-05-03_jackdwyer, for OFAC CSV sets. */
const dateInName = (p: string) => /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(path.basename(p))?.[1];

/** Reads a list from disk for the CLI and the demo: a file, or a folder holding an OFAC CSV set. */
export function readWatchlistPath(source: WatchlistSource, target: string, publishedOn?: string): WatchlistInput {
  if (!existsSync(target)) throw new AppError('validation_failed', `${target} does not exist`);
  if (statSync(target).isDirectory()) {
    if (source !== 'ofac') throw new AppError('validation_failed', `${target} is a folder; only OFAC lists come as a folder (sdn.csv, alt.csv, add.csv, sdn_comments.csv or sdn.xml)`);
    const file = (n: string) => (existsSync(path.join(target, n)) ? readFileSync(path.join(target, n), 'utf8') : undefined);
    if (existsSync(path.join(target, 'sdn.xml'))) return { source, kind: 'file', fileName: `${path.basename(target)}/sdn.xml`, bytes: readFileSync(path.join(target, 'sdn.xml')) };
    const sdn = file('sdn.csv');
    if (sdn === undefined) throw new AppError('validation_failed', `${target} holds neither sdn.csv nor sdn.xml`);
    return {
      source, kind: 'ofac-csv', fileName: path.basename(target), publishedOn: publishedOn ?? dateInName(target),
      files: { sdn, alt: file('alt.csv'), add: file('add.csv'), comments: file('sdn_comments.csv') },
    };
  }
  return { source, kind: 'file', fileName: path.basename(target), bytes: readFileSync(target), publishedOn: publishedOn ?? dateInName(target) ?? dateInName(path.dirname(target)) };
}
