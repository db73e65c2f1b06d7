// Prints what changed between two UN consolidated list files.
// usage: npx tsx scripts/diff-un.ts [OLD.xml] [NEW.xml]   (defaults: the 2020-11-30 and 2026-02-27 copies)
import { join } from 'node:path';
import { diffLists } from '../src/index';
import { loadUn, sharedData } from '../eval/load-lists';

const [oldFile = join(sharedData, 'watchlists/un/consolidated_2020-11-30.xml'), newFile = join(sharedData, 'watchlists/un/consolidated_2026-02-27.xml')] = process.argv.slice(2);
const before = loadUn(oldFile);
const after = loadUn(newFile);
const d = diffLists(before.entries, after.entries);
const fieldCounts: Record<string, number> = {};
for (const c of d.changed) for (const f of c.changedFields) fieldCounts[f] = (fieldCounts[f] ?? 0) + 1;
process.stdout.write(
  `UN ${before.listVersion} (${before.entries.length}) -> ${after.listVersion} (${after.entries.length}): ` +
    `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged\n` +
    `changed fields: ${Object.entries(fieldCounts).sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ')}\n` +
    `added (first 5): ${d.added.slice(0, 5).map((e) => `${e.references[0]} ${e.names[0].full}`).join('; ')}\n` +
    `removed (first 5): ${d.removed.slice(0, 5).map((e) => `${e.references[0]} ${e.names[0].full}`).join('; ')}\n`,
);
