// Proposes name-variant data from the lists' own aliases (run by hand, output reviewed then committed):
//  - data/mined-token-variants.json: spellings that the same listed person carries in different
//    aliases (Mohamed / Muhammad) and that look alike, seen for at least MIN_ENTRIES persons;
//  - data/arabic-latin-tokens.json: Arabic-script words paired with the Latin word in the same
//    position of the UN primary name, where both names have the same number of words, for at least
//    MIN_ENTRIES persons.
// usage: npx tsx scripts/mine-variants.ts [--write]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jaroWinkler } from '../src/names/jaro-winkler';
import { consonantSkeleton, foldLatinToken } from '../src/names/latin-fold';
import { foldArabic } from '../src/names/script';
import { DEFAULT_UN, loadOfacDir, loadUn, sharedData } from '../eval/load-lists';
import type { WatchlistEntry } from '../src/model';

const MIN_ENTRIES = 2;
const write = process.argv.includes('--write');
const dataDir = new URL('../data/', import.meta.url).pathname;

const entries: WatchlistEntry[] = [
  ...loadUn(DEFAULT_UN).entries,
  ...loadUn(join(sharedData, 'watchlists/un/consolidated_2020-11-30.xml')).entries,
  ...loadOfacDir(join(sharedData, 'watchlists/ofac/2021-07_moov_bench')).entries,
  ...loadOfacDir(join(sharedData, 'watchlists/ofac/2024-05-03_jackdwyer')).entries,
].filter((e) => e.kind === 'person');

function latinTokens(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`ʿʾ]/g, '')
    .split(/[^a-z]+/)
    .filter((t) => t.length >= 4)
    .map(foldLatinToken);
}

// ---- token variants from aliases of one person
const pairEntries = new Map<string, Set<string>>();
const frequency = new Map<string, number>();
for (const e of entries) {
  const names = e.names.filter((n) => n.script === 'latin').map((n) => latinTokens(n.full));
  for (const toks of names) for (const t of toks) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  // Only aliases with the same number of words, compared word by word in place: comparing every word
  // with every other merged a man's own name with his father's (Ahmad / Hamid).
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      if (names[i].length !== names[j].length) continue;
      names[i].forEach((a, k) => {
        const b = names[j][k];
        if (a === b || consonantSkeleton(a) !== consonantSkeleton(b) || jaroWinkler(a, b) < 0.85) return;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        if (!pairEntries.has(key)) pairEntries.set(key, new Set());
        // Entry ids are stable across list versions, so one person in two versions counts once.
        pairEntries.get(key)!.add(e.id);
      });
    }
  }
}
const parent = new Map<string, string>();
const find = (x: string): string => {
  while (parent.get(x) && parent.get(x) !== x) x = parent.get(x)!;
  return x;
};
/** Pairs reviewed and rejected: distinct names that share a consonant skeleton. */
const REJECTED = new Set(['kamal|kamil', 'bashar|bashir', 'hamad|hamid', 'hamed|hamid', 'hamad|hamed', 'basir|bashir']);
const kept = [...pairEntries].filter(([k, s]) => s.size >= MIN_ENTRIES && !REJECTED.has(k));
for (const [key] of kept) {
  const [a, b] = key.split('|');
  for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
  parent.set(find(a), find(b));
}
const groups = new Map<string, string[]>();
for (const x of parent.keys()) {
  const root = find(x);
  if (!groups.has(root)) groups.set(root, []);
  groups.get(root)!.push(x);
}
/** Reviewed: spellings that are distinct names, taken out of whatever group they fell into. */
const REMOVED = new Set(['salman', 'selman', 'fazl', 'fazal', 'fazil', 'khalif', 'hasri', 'husari', 'juhani', 'juhni', 'nuri', 'talia', 'yaka', 'raed', 'riad', 'nashir', 'malak', 'hebo', 'bakht', 'bakhta', 'tali', 'yak']);
const variantGroups = [...groups.values()]
  .map((g) => g.filter((t) => !REMOVED.has(t)))
  .filter((g) => g.length >= 2)
  .map((g) => g.sort((a, b) => (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0) || a.localeCompare(b)))
  .filter((g) => g.length <= 8)
  .sort((a, b) => a[0].localeCompare(b[0]));

// ---- Arabic word -> Latin word, positional, from UN entries publishing both scripts
const arabicCounts = new Map<string, Map<string, number>>();
const seenUn = new Set<string>();
for (const e of entries.filter((x) => x.source === 'un')) {
  if (seenUn.has(e.id)) continue;
  seenUn.add(e.id);
  const arabic = e.names.find((n) => n.kind === 'original-script' && n.script === 'arabic');
  if (!arabic) continue;
  const ar = foldArabic(arabic.full).split(/\s+/).filter(Boolean);
  const la = e.names[0].full.toLowerCase().replace(/['’‘`ʿʾ]/g, '').split(/\s+/).filter(Boolean);
  if (ar.length !== la.length) continue;
  ar.forEach((w, i) => {
    const latin = la[i].replace(/-/g, ' ').replace(/[^a-z ]/g, '').trim();
    if (!latin) return;
    if (!arabicCounts.has(w)) arabicCounts.set(w, new Map());
    const m = arabicCounts.get(w)!;
    m.set(latin, (m.get(latin) ?? 0) + 1);
  });
}
const arabicTokens: Record<string, string> = {};
for (const [w, m] of [...arabicCounts].sort(([a], [b]) => a.localeCompare(b))) {
  const [best] = [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Same rule as for variants: a pairing seen for one person only is that person's name, not a spelling rule.
  if (best[1] >= MIN_ENTRIES) arabicTokens[w] = best[0];
}

process.stdout.write(`${entries.length} person entries; ${kept.length} variant pairs seen for >= ${MIN_ENTRIES} persons -> ${variantGroups.length} groups; ${Object.keys(arabicTokens).length} Arabic words\n`);
if (write) {
  writeFileSync(
    join(dataDir, 'mined-token-variants.json'),
    '{\n  "_doc": "Generated by scripts/mine-variants.ts from UN/OFAC aliases (same person, look-alike spellings, seen for at least 2 persons), then reviewed: groups that merged distinct names were removed by hand and are listed in rejected.",\n  "groups": [\n' +
      variantGroups.map((g) => '    ' + JSON.stringify(g)).join(',\n') +
      '\n  ]\n}\n',
  );
  writeFileSync(
    join(dataDir, 'arabic-latin-tokens.json'),
    JSON.stringify({ _doc: 'Generated by scripts/mine-variants.ts: Arabic-script word (folded) -> Latin spelling in the same position of the UN primary name; most frequent pairing wins. Reviewed.', tokens: arabicTokens }, null, 1) + '\n',
  );
} else {
  for (const g of variantGroups) process.stdout.write(g.join(' ') + '\n');
}
