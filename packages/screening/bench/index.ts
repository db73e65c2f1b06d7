// Benchmark: index build time, queries per second and latency percentiles against UN 2026 + OFAC
// 2024-05-03 sdn.csv, with the UN positives and the small negatives set as queries. Medians of runs.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildScreeningIndex, matchQuery, type MatchQuery } from '../src/index';
import { DEFAULT_OFAC, DEFAULT_UN, loadOfacDir, loadUn, sharedData } from '../eval/load-lists';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

let t = performance.now();
const un = loadUn(DEFAULT_UN);
const unMs = performance.now() - t;
t = performance.now();
const ofac = loadOfacDir(DEFAULT_OFAC);
const ofacMs = performance.now() - t;
const entries = [...un.entries, ...ofac.entries];

const buildTimes: number[] = [];
let index = buildScreeningIndex(entries);
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  index = buildScreeningIndex(entries);
  buildTimes.push(performance.now() - t);
}

const rows = ['un-positives.csv', 'negatives-a-small.csv'].flatMap(
  (f) => parse(readFileSync(join(sharedData, 'screening-eval', f)), { columns: true, skip_empty_lines: true }) as Record<string, string>[],
);
const queries: MatchQuery[] = rows.map((r) => ({
  schema: 'Person',
  properties: {
    name: [r.full_name],
    ...(r.date_of_birth ? { birthDate: [r.date_of_birth] } : {}),
    ...(r.nationality ? { nationality: [r.nationality] } : {}),
    ...(r.place_of_birth ? { birthPlace: [r.place_of_birth] } : {}),
  },
}));

for (const q of queries.slice(0, 200)) matchQuery(index, q); // warm-up
// Wall-clock and CPU-time figures: on a shared, overloaded machine wall time mostly measures waiting
// for a core; CPU time (process.cpuUsage, µs) is what one query costs on one core.
const qps: number[] = [], p50: number[] = [], p95: number[] = [], p99: number[] = [];
const cpuQps: number[] = [], cpuP50: number[] = [], cpuP95: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const lat: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const q of queries) {
    const s = performance.now();
    const c = process.cpuUsage();
    matchQuery(index, q);
    const d = process.cpuUsage(c);
    lat.push(performance.now() - s);
    cpu.push((d.user + d.system) / 1000);
  }
  const total = performance.now() - start;
  const cpuTotal = process.cpuUsage(cpuStart);
  lat.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  qps.push(queries.length / (total / 1000));
  p50.push(pct(lat, 50));
  p95.push(pct(lat, 95));
  p99.push(pct(lat, 99));
  cpuQps.push(queries.length / ((cpuTotal.user + cpuTotal.system) / 1e6));
  cpuP50.push(pct(cpu, 50));
  cpuP95.push(pct(cpu, 95));
}

const f = (x: number) => x.toFixed(2);
process.stdout.write(
  [
    `screening bench (${new Date().toISOString().slice(0, 10)}, node ${process.version}, one core; medians of ${RUNS} runs)`,
    `lists: UN ${un.listVersion} ${un.entries.length} entries (parse ${unMs.toFixed(0)} ms), OFAC ${ofac.listVersion} ${ofac.entries.length} entries (parse ${ofacMs.toFixed(0)} ms)`,
    `index build: ${index.names.length} names, ${index.postings.size} keys, ${median(buildTimes).toFixed(0)} ms`,
    `queries: ${queries.length} (UN positives + negatives-a-small)`,
    `  CPU time (one core): ${median(cpuQps).toFixed(0)} queries/s, p50 ${f(median(cpuP50))} ms, p95 ${f(median(cpuP95))} ms`,
    `  wall clock:          ${median(qps).toFixed(0)} queries/s, p50 ${f(median(p50))} ms, p95 ${f(median(p95))} ms, p99 ${f(median(p99))} ms (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  ].join('\n') + '\n',
);
