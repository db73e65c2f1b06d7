// Face benchmark (run alone: `tsx bench/face.ts`, or with the rest: `npm run bench -w packages/biometrics`).
// 1. Embedding ms per image, end to end (decode → detect → landmarks → align → embed), median.
// 2. Exact 1:N cosine search ms per query over 100,000 and 1,000,000 random unit vectors, one thread.
// 3. Approximate (HNSW) search over 100,000: ms per query and recall@10 against the exact answer.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFaceEngine, FaceGallery, type FaceEmbedding } from '../src/face/index';
import { median, percentile } from '../eval/face-metrics';

const repoRoot = new URL('../../..', import.meta.url).pathname;
const photos = resolve(repoRoot, '../shared/data/faces/deepface');
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);

async function embeddingBench(): Promise<number> {
  const engine = await createFaceEngine();
  if (!existsSync(photos)) {
    console.log(`face embed: skipped, ${photos} not found`);
    return engine.dimensions;
  }
  const files = readdirSync(photos).filter((f) => /\.jpe?g$/i.test(f)).sort().slice(0, 24);
  const images = files.map((f) => new Uint8Array(readFileSync(join(photos, f))));
  await engine.embed(images[0]!); // warm-up: wasm kernels compile on first use
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const bytes of images) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await engine.embed(bytes);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  console.log(
    `face embed (${engine.modelId}): ${images.length} images, median ${fmt(median(times))} ms/image wall ` +
      `(p95 ${fmt(percentile(times, 95))} ms), median ${fmt(median(cpuTimes))} ms CPU`,
  );
  return engine.dimensions;
}

/** Random unit vectors from a seeded xorshift, so every run searches the same gallery. */
function randomUnit(dim: number, next: () => number): Float32Array {
  const v = new Float32Array(dim);
  let n = 0;
  for (let i = 0; i < dim; i++) {
    v[i] = next();
    n += v[i]! * v[i]!;
  }
  const inv = 1 / Math.sqrt(n);
  for (let i = 0; i < dim; i++) v[i] = v[i]! * inv;
  return v;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 0xffffffff) * 2 - 1;
  };
}

function searchBench(dim: number, size: number, approximate: boolean): void {
  const modelId = 'bench-random';
  const next = rng(size);
  const gallery = new FaceGallery({ modelId, dimensions: dim, approximate: approximate ? {} : undefined });
  const t0 = performance.now();
  for (let i = 0; i < size; i++) gallery.add(`p${i}`, { modelId, vector: randomUnit(dim, next) });
  const buildMs = performance.now() - t0;
  const queries: FaceEmbedding[] = Array.from({ length: 60 }, () => ({ modelId, vector: randomUnit(dim, next) }));
  gallery.search(queries[0]!, 10);
  const exact: number[] = [];
  const answers = queries.map((q) => {
    const t = performance.now();
    const hits = gallery.search(q, 10);
    exact.push(performance.now() - t);
    return new Set(hits.map((h) => h.id));
  });
  const label = size.toLocaleString('en-US');
  console.log(`face search exact top-10, ${label} × ${dim}: median ${fmt(median(exact))} ms/query, p95 ${fmt(percentile(exact, 95))} ms (1 thread; add ${fmt(buildMs / 1000)} s)`);
  if (!approximate) return;
  const tb = performance.now();
  gallery.buildApproximateIndex();
  const hnswBuildMs = performance.now() - tb;
  // Random queries are the worst case for HNSW (no neighbour is much nearer than the rest);
  // a probe photo of an enrolled person is a near copy of one entry, so measure that too.
  const planted = Array.from({ length: 60 }, (_, i) => {
    const row = (i * 7919) % size;
    const base = gallery.get(`p${row}`)!.vector;
    const noise = randomUnit(dim, next);
    return { id: `p${row}`, query: { modelId, vector: base.map((x, j) => x + 0.45 * noise[j]!) } };
  });
  const approx: number[] = [];
  let found = 0;
  queries.forEach((q, i) => {
    const t = performance.now();
    const hits = gallery.search(q, 10, { approximate: true });
    approx.push(performance.now() - t);
    found += hits.filter((h) => answers[i]!.has(h.id)).length;
  });
  const plantedFound = planted.filter((p) => gallery.search(p.query, 1, { approximate: true })[0]?.id === p.id).length;
  console.log(
    `face search HNSW top-10, ${label} × ${dim}: median ${fmt(median(approx))} ms/query, p95 ${fmt(percentile(approx, 95))} ms; ` +
      `recall@10 vs exact ${((found / (queries.length * 10)) * 100).toFixed(1)} % on random queries, ` +
      `planted neighbour found first ${((plantedFound / planted.length) * 100).toFixed(1)} %; build ${fmt(hnswBuildMs / 1000)} s (all cores)`,
  );
  const ts = performance.now();
  const bytes = gallery.serialize();
  const tr = performance.now();
  FaceGallery.deserialize(bytes);
  console.log(`face gallery serialise ${label}: ${(bytes.length / 1e6).toFixed(1)} MB in ${fmt(tr - ts)} ms, deserialise ${fmt(performance.now() - tr)} ms`);
}

// `--search-only` skips the model (128-d, the default model's size).
const dim = process.argv.includes('--search-only') ? 128 : await embeddingBench();
searchBench(dim, 100_000, true);
searchBench(dim, 1_000_000, false);
