// Experiment helper (not part of the eval interface): extracts every FVC image once into a JSON cache.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage } from '../src/image/index';
import { extractFingerprint } from '../src/fingerprint/index';
const data = process.argv[2], out = process.argv[3];
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
    list.push({ finger: m[1], impression: Number(m[2]), t: { ...t, orientation: t.orientation && { ...t.orientation, angles: Array.from(t.orientation.angles) } } });
  }
  sets[dir.split('/').slice(-2).join('/')] = list;
}
writeFileSync(out, JSON.stringify(sets));
