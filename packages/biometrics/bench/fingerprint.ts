// Fingerprint benchmark (part of `npm run bench -w packages/biometrics`): extraction time, 1:1 speed,
// and 1:N search over a 100,000-finger gallery built from the shared FVC images.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../src/image/index';
import type { RidgePeriodField } from '../src/fingerprint/types';
import {
  compareTemplates, extractFingerprint, FingerprintGallery, median, percentile, prepareTemplate,
  NO_ORIENTATION, type FingerprintTemplate, type OrientationField, type Minutia,
} from '../src/fingerprint/index';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DATA = join(ROOT, '..', 'shared', 'data', 'fingerprints');
const GALLERY_SIZE = 100_000;
const TIMED_SEARCHES = 40;
const RECALL_PROBES = 15;
const ONE_TO_ONE_ROUNDS = 7;

// Deterministic PRNG (mulberry32) so every run builds the same gallery.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function findImages(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findImages(path));
    else if (/^\d+_\d+\.tif$/.test(name) && /DB\d_B$/.test(dir)) out.push(path);
  }
  return out;
}

/** Random rotation about the centre, translation up to ±60 px, and 0–25 % of minutiae dropped. */
function variant(t: FingerprintTemplate, random: () => number): FingerprintTemplate {
  const theta = (random() * 2 - 1) * Math.PI;
  const c = Math.cos(theta), s = Math.sin(theta);
  const dx = (random() * 2 - 1) * 60, dy = (random() * 2 - 1) * 60;
  const cx = t.width / 2, cy = t.height / 2;
  const drop = random() * 0.25;
  const minutiae: Minutia[] = [];
  for (const m of t.minutiae) {
    if (random() < drop) continue;
    // Screen coordinates have y down, so a counter-clockwise turn of θ is (x, y) → (c·x + s·y, −s·x + c·y).
    const x = c * (m.x - cx) + s * (m.y - cy) + cx + dx + 200;
    const y = -s * (m.x - cx) + c * (m.y - cy) + cy + dy + 200;
    minutiae.push({ ...m, x, y, angle: (m.angle + theta + 2 * Math.PI) % (2 * Math.PI) });
  }
  return { ...t, width: t.width + 400, height: t.height + 400, minutiae, orientation: t.orientation && turnField(t.orientation, t.width / 2, t.height / 2, c, s, dx + 200, dy + 200),
    ridgePeriod: t.ridgePeriod && movePeriods(t.ridgePeriod, t.width / 2, t.height / 2, c, s, dx + 200, dy + 200) };
}

/** The same rigid transform applied to the orientation field: each new cell reads the old cell its centre came from. */
function turnField(f: OrientationField, cx: number, cy: number, c: number, s: number, dx: number, dy: number): OrientationField {
  const turn = Math.round((Math.atan2(s, c) * 180) / Math.PI);
  const angles = moveCells(f.cell, f.cols, f.rows, f.angles, NO_ORIENTATION, cx, cy, c, s, dx, dy, (a) => (((a + turn) % 180) + 180) % 180);
  return { cell: f.cell, cols: f.cols + Math.ceil(400 / f.cell), rows: f.rows + Math.ceil(400 / f.cell), angles };
}

/** The ridge-period field moves with the print; a period has no direction, so its values stay as they are. */
function movePeriods(f: RidgePeriodField, cx: number, cy: number, c: number, s: number, dx: number, dy: number): RidgePeriodField {
  const values = moveCells(f.cell, f.cols, f.rows, f.values, 0, cx, cy, c, s, dx, dy, (v) => v);
  return { cell: f.cell, cols: f.cols + Math.ceil(400 / f.cell), rows: f.rows + Math.ceil(400 / f.cell), values };
}

/** A cell grid grown by 400 px under the rigid transform; each new cell reads the old cell its centre came from. */
function moveCells(
  cell: number, oldCols: number, oldRows: number, old: Uint8Array, empty: number,
  cx: number, cy: number, c: number, s: number, dx: number, dy: number, map: (value: number) => number,
): Uint8Array {
  const cols = oldCols + Math.ceil(400 / cell), rows = oldRows + Math.ceil(400 / cell);
  const out = new Uint8Array(cols * rows).fill(empty);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      // Inverse of (x, y) → (c·(x−cx) + s·(y−cy) + cx + dx, −s·(x−cx) + c·(y−cy) + cy + dy).
      const u = (k + 0.5) * cell - cx - dx, v = (r + 0.5) * cell - cy - dy;
      const col = Math.floor((c * u - s * v + cx) / cell), row = Math.floor((s * u + c * v + cy) / cell);
      if (col < 0 || row < 0 || col >= oldCols || row >= oldRows) continue;
      const value = old[row * oldCols + col];
      if (value !== empty) out[r * cols + k] = map(value);
    }
  }
  return out;
}

/** Share of one core this process actually got since `since` (the machine may be shared). */
function cpuShare(since: { wall: number; cpu: NodeJS.CpuUsage }): string {
  const cpu = process.cpuUsage(since.cpu);
  const wall = performance.now() - since.wall;
  return `${Math.round((100 * (cpu.user + cpu.system)) / 1000 / wall)} % of a core`;
}
const mark = (): { wall: number; cpu: NodeJS.CpuUsage } => ({ wall: performance.now(), cpu: process.cpuUsage() });

function main(): void {
  const files = findImages(DATA);
  const extractMark = mark();
  if (!files.length) throw new Error(`no FVC images under ${DATA}`);
  const extractMs: number[] = [];
  const samples = files.map((file) => {
    const image = decodeImage(readFileSync(file));
    const t0 = performance.now();
    const { template } = extractFingerprint(image);
    extractMs.push(performance.now() - t0);
    const name = file.split('/').slice(-3).join('/');
    return { finger: name.replace(/_\d+\.tif$/, ''), impression: Number(/_(\d+)\.tif$/.exec(name)![1]), template };
  });
  console.log(`fingerprint extraction: median ${median(extractMs).toFixed(1)} ms, p95 ${percentile(extractMs, 0.95).toFixed(1)} ms per image (${files.length} images; process got ${cpuShare(extractMark)})`);

  // 1:1 speed: every third image of every set (160 templates, 12,720 pairs per round), one untimed
  // round to build each probe's lookup table and warm the JIT, then seven timed rounds; the median
  // round is reported (one short sample follows the neighbours' load more than the code).
  const prepared = samples.filter((_, i) => i % 3 === 0).map((s) => prepareTemplate(s.template));
  const allPairs = (): number => {
    let n = 0;
    for (let i = 0; i < prepared.length; i++) for (let j = i + 1; j < prepared.length; j++) { compareTemplates(prepared[i], prepared[j]); n++; }
    return n;
  };
  allPairs();
  const perCpu: number[] = [];
  const perWall: number[] = [];
  let count = 0;
  for (let round = 0; round < ONE_TO_ONE_ROUNDS; round++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const n = allPairs();
    const cpu = process.cpuUsage(cpu0);
    perCpu.push(n / ((cpu.user + cpu.system) / 1e6));
    perWall.push(n / ((performance.now() - t0) / 1000));
    count += n;
  }
  console.log(`fingerprint 1:1: median ${Math.round(median(perCpu))} comparisons per CPU-second on one core (rounds ${Math.round(Math.min(...perCpu))}–${Math.round(Math.max(...perCpu))}), ${Math.round(median(perWall))} per wall-clock second (${ONE_TO_ONE_ROUNDS} rounds, ${count} comparisons of ${prepared.length} prepared templates from all sets)`);

  // Gallery: impressions 2–8 of every finger, each repeated under random rigid transforms with dropout.
  const random = rng(20260101);
  const bases = samples.filter((s) => s.impression !== 1);
  const gallery = new FingerprintGallery();
  const tb = performance.now();
  for (let k = 0; k < GALLERY_SIZE; k++) {
    const base = bases[k % bases.length];
    gallery.add(`${base.finger}#${k}`, variant(base.template, random), { subjectId: base.finger });
  }
  console.log(`fingerprint gallery: ${GALLERY_SIZE} fingers built in ${((performance.now() - tb) / 1000).toFixed(1)} s`);

  const probes = samples.filter((s) => s.impression === 1).map((s) => ({ finger: s.finger, template: prepareTemplate(variant(s.template, random)) }));
  const searchMs: number[] = [], searchCpuMs: number[] = [];
  const searchMark = mark();
  let mateTop1 = 0;
  for (let q = 0; q < TIMED_SEARCHES; q++) {
    const probe = probes[q % probes.length];
    const ts = performance.now();
    const cs = process.cpuUsage();
    const hits = gallery.search(probe.template, { topK: 10 });
    searchMs.push(performance.now() - ts);
    const used = process.cpuUsage(cs);
    searchCpuMs.push((used.user + used.system) / 1000);
    if (hits[0]?.subjectId === probe.finger) mateTop1++;
  }
  console.log(`fingerprint 1:N over ${GALLERY_SIZE}: median ${median(searchMs).toFixed(0)} ms, p95 ${percentile(searchMs, 0.95).toFixed(0)} ms per search (CPU time median ${median(searchCpuMs).toFixed(0)} ms); mate at rank 1 in ${mateTop1}/${TIMED_SEARCHES} (process got ${cpuShare(searchMark)})`);

  let sameEntry = 0, sameFinger = 0;
  const exhaustiveMs: number[] = [];
  for (let q = 0; q < RECALL_PROBES; q++) {
    const probe = probes[(q * 5) % probes.length];
    const fast = gallery.search(probe.template, { topK: 1 })[0];
    const te = performance.now();
    const full = gallery.search(probe.template, { topK: 1, exhaustive: true })[0];
    exhaustiveMs.push(performance.now() - te);
    if (fast?.id === full?.id) sameEntry++;
    if (fast?.subjectId === full?.subjectId) sameFinger++;
  }
  console.log(
    `fingerprint 1:N recall vs exhaustive top-1 (${RECALL_PROBES} probes): same finger ${((100 * sameFinger) / RECALL_PROBES).toFixed(1)} %, ` +
      `same entry ${((100 * sameEntry) / RECALL_PROBES).toFixed(1)} %; exhaustive search median ${median(exhaustiveMs).toFixed(0)} ms`,
  );
}

main();
