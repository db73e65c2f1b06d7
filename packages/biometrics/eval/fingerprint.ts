// `npm run eval:fingerprint -- --data DIR [--templates] [--json]`: FVC-style verification accuracy and speed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../src/image/index';
import {
  compareTemplates, errorRates, extractFingerprint, median, prepareTemplate, readIso19794, recordToTemplate,
  type FingerprintTemplate, type PreparedTemplate,
} from '../src/fingerprint/index';

class UsageError extends Error {}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const USAGE = 'usage: npm run eval:fingerprint -- [--data DIR] [--templates] [--json]';

function parseArgs(argv: string[]): { data: string; templates: boolean; json: boolean } {
  let data = join(ROOT, '..', 'shared', 'data', 'fingerprints');
  let templates = false, json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError('--data needs a directory');
      data = v;
    } else if (a === '--templates') templates = true;
    else if (a === '--json') json = true;
    else throw new UsageError(`unknown argument ${JSON.stringify(a)}`);
  }
  let isDir = false;
  try { isDir = statSync(data).isDirectory(); } catch { isDir = false; }
  if (!isDir) throw new UsageError(`data directory ${data} does not exist`);
  return { data, templates, json };
}

function findSets(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (/^DB.*_B$/.test(entry.name)) out.push(path);
    else out.push(...findSets(path));
  }
  return out;
}

interface Sample { finger: string; impression: number; template: PreparedTemplate }

const IMAGE = /^(\d+)_(\d+)\.(tif|tiff|png|jpe?g|bmp)$/i;
const ISO = /^(\d+)_(\d+)\.iso$/i;

function loadSet(dir: string, useTemplates: boolean, extractMs: number[]): Sample[] {
  const samples: Sample[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = (useTemplates ? ISO : IMAGE).exec(name);
    if (!m) continue;
    const bytes = readFileSync(join(dir, name));
    let template: FingerprintTemplate;
    if (useTemplates) template = recordToTemplate(readIso19794(bytes));
    else {
      const image = decodeImage(bytes);
      const t0 = performance.now();
      template = extractFingerprint(image).template;
      extractMs.push(performance.now() - t0);
    }
    samples.push({ finger: m[1], impression: Number(m[2]), template: prepareTemplate(template) });
  }
  return samples;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const sets = findSets(args.data);
  if (!sets.length) throw new UsageError(`no DB*_B folders under ${args.data}`);
  const extractMs: number[] = [];
  let comparisons = 0, compareMs = 0;
  const result: Record<string, Record<string, number>> = {};
  const rawGenuine: number[] = [], rawImpostor: number[] = [];
  for (const dir of sets) {
    const samples = loadSet(dir, args.templates, extractMs);
    if (samples.length < 2) continue;
    const genuine: number[] = [], impostor: number[] = [], fvcImpostor: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < samples.length; i++) {
      for (let j = i + 1; j < samples.length; j++) {
        const a = samples[i], b = samples[j];
        const score = compareTemplates(a.template, b.template);
        if (a.finger === b.finger) genuine.push(score);
        else {
          impostor.push(score);
          if (a.impression === 1 && b.impression === 1) fvcImpostor.push(score);
        }
      }
    }
    compareMs += performance.now() - t0;
    comparisons += genuine.length + impostor.length;
    rawGenuine.push(...genuine); rawImpostor.push(...impostor);
    const rates = errorRates(genuine, impostor);
    const eerFvc = fvcImpostor.length ? errorRates(genuine, fvcImpostor).eer : NaN;
    result[relative(args.data, dir) || dir] = { ...rates, eerFvc, genuine: genuine.length, impostor: impostor.length };
  }
  const keys = ['eer', 'fmr100', 'fmr1000', 'zeroFmr', 'eerFvc'] as const;
  const values = Object.values(result);
  const mean = Object.fromEntries(keys.map((k) => [k, values.reduce((s, r) => s + r[k], 0) / values.length]));
  const summary = {
    sets: result,
    mean,
    extractMsMedian: args.templates ? null : median(extractMs),
    comparisonsPerSecond: comparisons / (compareMs / 1000),
  };
  if (args.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  const pct = (v: number): string => (Number.isNaN(v) ? '   n/a' : `${(v * 100).toFixed(2).padStart(6)}%`);
  console.log(`fingerprint verification (${args.templates ? 'ISO templates, matcher only' : 'images, extractor + matcher'})`);
  console.log('set                      EER   FMR100  FMR1000  ZeroFMR  EER(FVC)  genuine impostor');
  for (const [name, r] of Object.entries(result)) {
    console.log(`${name.padEnd(18)} ${pct(r.eer)} ${pct(r.fmr100)} ${pct(r.fmr1000)} ${pct(r.zeroFmr)}  ${pct(r.eerFvc)}  ${String(r.genuine).padStart(7)} ${String(r.impostor).padStart(8)}`);
  }
  console.log(`${'mean'.padEnd(18)} ${pct(mean.eer)} ${pct(mean.fmr100)} ${pct(mean.fmr1000)} ${pct(mean.zeroFmr)}  ${pct(mean.eerFvc)}`);
  if (!args.templates) console.log(`extraction: median ${median(extractMs).toFixed(1)} ms per image (${extractMs.length} images)`);
  console.log(`matching: ${Math.round(summary.comparisonsPerSecond)} comparisons/s (one core, prepared templates)`);
}

try {
  main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`eval:fingerprint: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`eval:fingerprint failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
