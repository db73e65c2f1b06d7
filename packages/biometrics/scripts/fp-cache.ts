// Experiment helper (not part of the eval interface): extracts every FVC image once into a JSON cache.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage } from '../src/image/index';
import { extractFingerprint } from '../src/fingerprint/index';
import { GABOR } from '../src/fingerprint/extract/enhance';
import { MINUTIAE } from '../src/fingerprint/extract/minutiae';
const data = process.argv[2], out = process.argv[3];
// Optional third argument: GABOR overrides (envelope widths in periods, kernel radius in pixels), e.g. '{"radius":9}'.
if (process.argv[4]) Object.assign(GABOR, JSON.parse(process.argv[4]) as Partial<typeof GABOR>);
// Optional fourth argument: MINUTIAE overrides (false-minutia removal), e.g. '{"brokenValley":0.3}'.
if (process.argv[5]) Object.assign(MINUTIAE, JSON.parse(process.argv[5]) as Partial<typeof MINUTIAE>);
function findSets(dir: string): string[] {
  const r: string[] = [];
  for (const e of readdirSync(dir).sort()) { const p = join(dir, e); if (statSync(p).isDirectory()) { if (/^DB.*_B$/.test(e)) r.push(p); else r.push(...findSets(p)); } }
  return r;
}
const sets: Record<string, unknown[]> = {};
for (const dir of findSets(data)) {
  const list: unknown[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = /^(\d+)_(\d+)\.(tif|png|bmp)$/i.exec(name); if (!m) continue;
    const t = extractFingerprint(decodeImage(readFileSync(join(dir, name)))).template;
    list.push({ finger: m[1], impression: Number(m[2]), t: { ...t, orientation: t.orientation && { ...t.orientation, angles: Array.from(t.orientation.angles) }, ridgePeriod: t.ridgePeriod && { ...t.ridgePeriod, values: Array.from(t.ridgePeriod.values) } } });
  }
  sets[dir.split('/').slice(-2).join('/')] = list;
}
writeFileSync(out, JSON.stringify(sets));
