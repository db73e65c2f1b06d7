// `npm run eval:face -- --data DIR [--json]`
// DIR either holds deepface-style pair lists (master.csv, face-recognition-pivot.csv: file_x,
// file_y, decision Yes/No; files found by name inside DIR), each evaluated separately, or one
// folder per identity (<Name>/<any>.jpg), evaluated on all genuine and impostor pairs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { compareFaceEmbeddings, createFaceEngine, type FaceDetectorChoice, type FaceEmbedding } from '../src/face/index';
import { median, verificationMetrics } from './face-metrics';

const repoRoot = new URL('../../..', import.meta.url).pathname;
const defaultData = resolve(repoRoot, '../shared/data/faces/deepface');
const PAIR_LISTS = ['face-recognition-pivot.csv', 'master.csv'];
const IMAGE = /\.(jpe?g|png|webp)$/i;

class UsageError extends Error {}

const USAGE = 'usage: eval:face -- [--data DIR] [--json] [--detector ssd|tiny|tiny-then-ssd] [--max-side PX]';

interface Args {
  data: string;
  json: boolean;
  detector: FaceDetectorChoice;
  maxSide: number;
}

function parseArgs(argv: string[]): Args {
  let data = defaultData;
  let json = false;
  let detector: Args['detector'] = 'ssd';
  let maxSide = 1024;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--data') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError('--data needs a directory');
      // relative to where the command was typed: npm runs workspace scripts from the package folder
      data = resolve(process.env.INIT_CWD ?? process.cwd(), v);
    } else if (a === '--detector') {
      const v = argv[++i];
      if (v !== 'ssd' && v !== 'tiny' && v !== 'tiny-then-ssd') throw new UsageError(`--detector must be ssd, tiny or tiny-then-ssd, got ${JSON.stringify(v)}`);
      detector = v;
    } else if (a === '--max-side') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 160 || v > 8192) throw new UsageError('--max-side needs an integer number of pixels in 160..8192');
      maxSide = v;
    } else if (a === '--help' || a === '-h') {
      throw new UsageError(USAGE);
    } else throw new UsageError(`unknown argument ${JSON.stringify(a)} (${USAGE})`);
  }
  if (!existsSync(data) || !statSync(data).isDirectory()) throw new UsageError(`--data ${data} is not a directory`);
  return { data, json, detector, maxSide };
}

interface Pair {
  a: string;
  b: string;
  same: boolean;
}

function readPairList(dir: string, name: string): Pair[] {
  const lines = readFileSync(join(dir, name), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',').map((h) => h.trim().toLowerCase());
  const [ix, iy, id] = ['file_x', 'file_y', 'decision'].map((h) => header.indexOf(h));
  if (ix! < 0 || iy! < 0 || id! < 0) throw new UsageError(`${name}: needs columns file_x, file_y, decision`);
  return lines.slice(1).map((line, n) => {
    const cells = line.split(',');
    const decision = cells[id!]?.trim().toLowerCase();
    if (decision !== 'yes' && decision !== 'no') throw new UsageError(`${name} line ${n + 2}: decision ${JSON.stringify(decision)} is not Yes/No`);
    const file = (cell: string | undefined) => {
      const path = join(dir, basename((cell ?? '').trim()));
      if (!existsSync(path)) throw new UsageError(`${name} line ${n + 2}: ${path} not found`);
      return path;
    };
    return { a: file(cells[ix!]), b: file(cells[iy!]), same: decision === 'yes' };
  });
}

function identityPairs(dir: string): Pair[] {
  const images: Array<{ who: string; path: string }> = [];
  for (const who of readdirSync(dir).sort()) {
    const sub = join(dir, who);
    if (!statSync(sub).isDirectory()) continue;
    for (const f of readdirSync(sub).sort()) if (IMAGE.test(f)) images.push({ who, path: join(sub, f) });
  }
  if (images.length < 2) throw new UsageError(`${dir}: no pair lists (${PAIR_LISTS.join(', ')}) and fewer than 2 images in identity folders`);
  const pairs: Pair[] = [];
  for (let i = 0; i < images.length; i++)
    for (let j = i + 1; j < images.length; j++) pairs.push({ a: images[i]!.path, b: images[j]!.path, same: images[i]!.who === images[j]!.who });
  return pairs;
}

async function main(): Promise<void> {
  const { data, json, detector, maxSide } = parseArgs(process.argv.slice(2));
  const lists = PAIR_LISTS.filter((n) => existsSync(join(data, n)));
  const protocols: Array<{ name: string; pairs: Pair[] }> = lists.length
    ? lists.map((name) => ({ name, pairs: readPairList(data, name) }))
    : [{ name: 'identity-folders', pairs: identityPairs(data) }];

  const engine = await createFaceEngine({ detector, maxImageSide: maxSide });
  const cache = new Map<string, { faces: number; embedding: FaceEmbedding | undefined; ms: number; cpuMs: number }>();
  const embedFile = async (path: string) => {
    const hit = cache.get(path);
    if (hit) return hit;
    const bytes = new Uint8Array(readFileSync(path));
    // CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await engine.embed(bytes);
    const cpu = process.cpuUsage(c0);
    const entry = { faces: result.faces.length, embedding: result.faces[0]?.embedding, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
    cache.set(path, entry);
    return entry;
  };

  const reports: Record<string, Record<string, number>> = {};
  for (const { name, pairs } of protocols) {
    const genuine: number[] = [];
    const impostor: number[] = [];
    const images = new Set<string>();
    for (const p of pairs) {
      const [a, b] = [await embedFile(p.a), await embedFile(p.b)];
      images.add(p.a).add(p.b);
      // A pair where either side has no face scores as the worst possible match.
      const score = a.embedding && b.embedding ? compareFaceEmbeddings(a.embedding, b.embedding) : -1;
      (p.same ? genuine : impostor).push(score);
    }
    const stats = [...images].map((i) => cache.get(i)!);
    const m = verificationMetrics(genuine, impostor);
    reports[name] = {
      facesFoundRate: stats.filter((s) => s.faces > 0).length / stats.length,
      eer: m.eer,
      tarAtFar01: m.tarAtFar01,
      tarAtFar001: m.tarAtFar001,
      msPerImageMedian: median(stats.map((s) => s.ms)),
      cpuMsPerImageMedian: median(stats.map((s) => s.cpuMs)),
      pairs: pairs.length,
      genuinePairs: genuine.length,
      impostorPairs: impostor.length,
      images: images.size,
      eerThreshold: m.eerThreshold,
    };
  }

  const primary = reports[protocols[0]!.name]!;
  if (json) {
    const pick = (r: Record<string, number>) => ({
      facesFoundRate: r.facesFoundRate,
      eer: r.eer,
      tarAtFar01: r.tarAtFar01,
      tarAtFar001: r.tarAtFar001,
      msPerImageMedian: r.msPerImageMedian,
      pairs: r.pairs,
      cpuMsPerImageMedian: r.cpuMsPerImageMedian,
    });
    const protocolReports = Object.fromEntries(Object.entries(reports).map(([k, r]) => [k, pick(r)]));
    console.log(JSON.stringify({ ...pick(primary), protocol: protocols[0]!.name, modelId: engine.modelId, protocols: protocolReports }));
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  console.log(`face eval: ${data}  model ${engine.modelId}, detector ${detector}, images shrunk to ≤ ${maxSide} px`);
  for (const [name, r] of Object.entries(reports)) {
    console.log(`\n[${name}] ${r.pairs} pairs (${r.genuinePairs} genuine, ${r.impostorPairs} impostor) over ${r.images} images`);
    console.log(`  faces found per image: ${pct(r.facesFoundRate!)}`);
    console.log(`  EER:                   ${pct(r.eer!)} (cosine threshold ${r.eerThreshold!.toFixed(3)})`);
    console.log(`  TAR @ FAR 1 %:         ${pct(r.tarAtFar01!)}`);
    console.log(`  TAR @ FAR 0.1 %:       ${pct(r.tarAtFar001!)}`);
    console.log(`  median ms per image:   ${r.msPerImageMedian!.toFixed(0)} wall, ${r.cpuMsPerImageMedian!.toFixed(0)} CPU (decode + detect + landmarks + align + embed)`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`eval:face: ${error.message}`);
    process.exit(2);
  }
  console.error(`eval:face failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
