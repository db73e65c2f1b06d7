// Minutiae from the ridge skeleton: crossing number, ridge tracing for direction, and false-minutia removal.
import { BLOCK, type RidgeField } from './field';
import { DX, DY, neighbourCode } from './thin';

export interface RawMinutia {
  x: number;
  y: number;
  /** Image-frame direction (y down), radians. */
  theta: number;
  bifurcation: boolean;
  quality: number;
}

interface Candidate extends RawMinutia {
  index: number;
  removed: boolean;
}

const TRANSITIONS = new Uint8Array(256);
for (let code = 0; code < 256; code++) {
  let t = 0;
  for (let k = 0; k < 8; k++) if (!((code >> k) & 1) && (code >> ((k + 1) % 8)) & 1) t++;
  TRANSITIONS[code] = t;
}

/**
 * False-minutia removal knobs, in ridge periods unless noted. Two endings facing each other across a gap shorter
 * than `brokenGap` are a broken ridge and both removed, unless the grey image shows the ridges really end there:
 * the gap is lighter than `brokenValley` (gapDarkness scale: 0 = as light as the valleys beside the ridge), at
 * least `brokenValleyMinGap` periods long (a shorter light interruption is a pore or a dry speck, which the Gabor
 * filter is meant to heal), and both endings sit in blocks of ridge clarity ≥ `brokenValleyMinClarity` (in blurred,
 * dry or noisy blocks a light break is not evidence of a real ending). `brokenValley: -Infinity` turns it off.
 */
export const MINUTIAE = { directionSteps: 10, shortRidge: 1.2, traceLimit: 1.6, tooClose: 0.6, brokenGap: 1.8, clusterNeighbours: 2, brokenValley: 0, brokenValleyMinGap: 1, brokenValleyMinClarity: 0.5 };

/** Minutia quality model: weights of local ridge clarity and grey-level contrast (0 = not used). */
export const MINUTIA_QUALITY = { clarity: 0, clarityFull: 0.5, contrast: 0, contrastFull: 0.6 };

export function detectMinutiae(skel: Uint8Array, field: RidgeField, eligible: Uint8Array, blockDistance: Uint8Array, grey?: Uint8Array): RawMinutia[] {
  const { width, height, bw } = field;
  // Contrast is judged against the finger's own typical contrast (median over the foreground), so a
  // uniformly light print is not penalised; faint patches inside it are.
  const fgStd: number[] = [];
  for (let b = 0; b < field.mask.length; b++) if (field.mask[b]) fgStd.push(field.std[b]);
  fgStd.sort((a, b) => a - b);
  const typicalStd = fgStd.length ? fgStd[fgStd.length >> 1] : 1;
  const at = new Int32Array(width * height);
  const cands: Candidate[] = [];
  for (let y = 2; y < height - 2; y++) {
    for (let x = 2; x < width - 2; x++) {
      const i = y * width + x;
      if (!skel[i]) continue;
      const b = ((y / BLOCK) | 0) * bw + ((x / BLOCK) | 0);
      const cn = TRANSITIONS[neighbourCode(skel, width, i)];
      if ((cn !== 1 && cn !== 3) || !field.mask[b]) continue;
      cands.push({ x, y, theta: 0, bifurcation: cn === 3, quality: 0, index: cands.length, removed: false });
      at[i] = cands.length;
    }
  }
  const visited = new Uint8Array(width * height);
  const touched: number[] = [];
  const trace = (start: number, first: number, maxSteps: number): { end: number; dirPoint: number; hit: number; steps: number } => {
    let prev = start, cur = first, steps = 1, dirPoint = first;
    visited[start] = 1; touched.push(start);
    while (true) {
      visited[cur] = 1; touched.push(cur);
      if (steps === MINUTIAE.directionSteps) dirPoint = cur;
      const hitIndex = at[cur] - 1;
      if (hitIndex >= 0) return { end: cur, dirPoint, hit: hitIndex, steps };
      if (steps >= maxSteps) return { end: cur, dirPoint, hit: -1, steps };
      let next = -1;
      for (let pass = 0; pass < 2 && next < 0; pass++) {
        for (let k = pass; k < 8; k += 2) {
          const n = cur + DY[k] * width + DX[k];
          if (skel[n] && !visited[n]) { next = n; break; }
        }
      }
      if (next < 0) return { end: cur, dirPoint: steps < MINUTIAE.directionSteps ? cur : dirPoint, hit: -1, steps };
      prev = cur; cur = next; steps++;
      if (prev < 0) break;
    }
    return { end: cur, dirPoint, hit: -1, steps };
  };
  const clearVisited = (): void => { for (const t of touched) visited[t] = 0; touched.length = 0; };

  for (const c of cands) {
    const i = c.y * width + c.x;
    const b = ((c.y / BLOCK) | 0) * bw + ((c.x / BLOCK) | 0);
    const period = field.period[b];
    const maxSteps = Math.max(MINUTIAE.directionSteps, Math.round(MINUTIAE.traceLimit * period));
    const code = neighbourCode(skel, width, i);
    const starts: number[] = [];
    for (let k = 0; k < 8; k++) {
      if (!((code >> ((k + 7) % 8)) & 1) && (code >> k) & 1) starts.push(i + DY[k] * width + DX[k]);
    }
    const angles: number[] = [];
    for (const s of starts) {
      // Block the other branches' first pixels so a trace cannot slip into a neighbouring branch.
      for (const o of starts) if (o !== s) { visited[o] = 1; touched.push(o); }
      const r = trace(i, s, maxSteps);
      clearVisited();
      if (r.hit >= 0 && r.hit !== c.index && r.steps < maxSteps) {
        const other = cands[r.hit];
        // Short ridge, spur or bridge: both ends are artefacts.
        if (c.bifurcation || other.bifurcation || r.steps < period * MINUTIAE.shortRidge) { c.removed = true; other.removed = true; }
      }
      const px = r.dirPoint % width, py = (r.dirPoint - px) / width;
      angles.push(Math.atan2(py - c.y, px - c.x));
    }
    let traced: number;
    if (!c.bifurcation) {
      traced = angles[0] + Math.PI; // from the ridge body out through the end
    } else if (angles.length === 3) {
      // Stem = the branch farthest from the other two; the minutia points from the fork into the stem.
      let best = 0, bestGap = -1;
      for (let k = 0; k < 3; k++) {
        const gap = Math.min(angleDiff(angles[k], angles[(k + 1) % 3]), angleDiff(angles[k], angles[(k + 2) % 3]));
        if (gap > bestGap) { bestGap = gap; best = k; }
      }
      traced = angles[best];
    } else {
      c.removed = true;
      continue;
    }
    const fieldTheta = 0.5 * Math.atan2(field.sin2[b], field.cos2[b]);
    c.theta = angleDiff(fieldTheta, traced) <= Math.PI / 2 ? fieldTheta : fieldTheta + Math.PI;
    if (angleDiff(c.theta, traced) > Math.PI / 4) c.theta = traced;
    c.theta = normalise(c.theta);
    if (!eligible[b]) c.removed = true;
    const Q = MINUTIA_QUALITY;
    const clarity = Math.min(1, field.clarity[b] / Q.clarityFull), contrast = Math.min(1, field.std[b] / (Q.contrastFull * typicalStd));
    c.quality = Math.round(100 * Math.min(1, field.coherence[b] / 0.6) * Math.min(1, blockDistance[b] / 4)
      * (1 - Q.clarity + Q.clarity * clarity) * (1 - Q.contrast + Q.contrast * contrast));
  }
  removeCloseArtefacts(cands, field, grey);
  return cands.filter((c) => !c.removed).map(({ x, y, theta, bifurcation, quality }) => ({ x, y, theta, bifurcation, quality }));
}

/**
 * How ridge-dark the grey image is on the straight gap between two facing endings: 0 = as light as the
 * valleys beside p's ridge, 1 = as dark as p's ridge behind its end; NaN when a sample leaves the foreground
 * or the ridge has too little contrast to judge.
 */
export function gapDarkness(grey: Uint8Array, field: RidgeField, p: RawMinutia, q: RawMinutia): number {
  const { width, height, bw } = field;
  const period = field.period[((p.y / BLOCK) | 0) * bw + ((p.x / BLOCK) | 0)];
  let ok = true;
  const sample = (x0: number, y0: number): number => {
    const x = Math.round(x0), y = Math.round(y0);
    if (x < 0 || y < 0 || x >= width || y >= height) { ok = false; return 0; }
    const b = ((y / BLOCK) | 0) * bw + ((x / BLOCK) | 0);
    if (!field.mask[b]) { ok = false; return 0; }
    return (grey[y * width + x] - field.mean[b]) / (field.std[b] + 1);
  };
  const c = Math.cos(p.theta), s = Math.sin(p.theta);
  // Ridge behind p (p points out of its ridge end) and the valleys half a period to either side of it.
  let ridge = 0, valley = 0, n = 0;
  for (let t = Math.round(0.5 * period); t <= Math.round(1.25 * period); t++) {
    const x = p.x - t * c, y = p.y - t * s;
    ridge += sample(x, y);
    valley += 0.5 * (sample(x - (period / 2) * s, y + (period / 2) * c) + sample(x + (period / 2) * s, y - (period / 2) * c));
    n++;
  }
  ridge /= n; valley /= n;
  // The gap: the middle 60 % of the segment p → q, three pixels wide.
  const dx = q.x - p.x, dy = q.y - p.y, len = Math.hypot(dx, dy);
  if (len < 1) return Number.NaN;
  const ux = -dy / len, uy = dx / len;
  let gap = 0, m = 0;
  for (let k = 0; k <= 6; k++) {
    const f = 0.2 + (0.6 * k) / 6;
    for (let a = -1; a <= 1; a++) { gap += sample(p.x + f * dx + a * ux, p.y + f * dy + a * uy); m++; }
  }
  gap /= m;
  if (!ok || valley - ridge < 0.4) return Number.NaN;
  return (valley - gap) / (valley - ridge);
}

/** Ridge clarity (3×3-block coherence) at the less clear of the two endings. */
function clearAt(field: RidgeField, p: RawMinutia, q: RawMinutia): number {
  const at = (m: RawMinutia): number => field.clarity[((m.y / BLOCK) | 0) * field.bw + ((m.x / BLOCK) | 0)];
  return Math.min(at(p), at(q));
}

function removeCloseArtefacts(cands: Candidate[], field: RidgeField, grey?: Uint8Array): void {
  const live = cands.filter((c) => !c.removed);
  const kill = new Set<Candidate>();
  for (let a = 0; a < live.length; a++) {
    const p = live[a];
    const period = field.period[((p.y / BLOCK) | 0) * field.bw + ((p.x / BLOCK) | 0)];
    let neighbours = 0;
    for (let b = 0; b < live.length; b++) {
      if (a === b) continue;
      const q = live[b];
      const d = Math.hypot(q.x - p.x, q.y - p.y);
      if (d < period) neighbours++;
      if (b < a) continue;
      if (d < MINUTIAE.tooClose * period) { kill.add(p); kill.add(q); continue; }
      // Broken ridge: two endings facing each other across a short gap.
      if (!p.bifurcation && !q.bifurcation && d < MINUTIAE.brokenGap * period && angleDiff(p.theta, q.theta + Math.PI) < Math.PI / 4) {
        const link = Math.atan2(q.y - p.y, q.x - p.x);
        // Unless the grey image shows a light valley across the gap: then two ridges really end there.
        const keep = grey !== undefined && MINUTIAE.brokenValley > -Infinity && d >= MINUTIAE.brokenValleyMinGap * period && clearAt(field, p, q) >= MINUTIAE.brokenValleyMinClarity && gapDarkness(grey, field, p, q) < MINUTIAE.brokenValley;
        if (angleDiff(link, p.theta) < Math.PI / 3 && !keep) { kill.add(p); kill.add(q); }
      }
    }
    if (neighbours >= MINUTIAE.clusterNeighbours) kill.add(p);
  }
  for (const c of kill) c.removed = true;
}

export function angleDiff(a: number, b: number): number {
  let d = Math.abs(a - b) % (2 * Math.PI);
  if (d > Math.PI) d = 2 * Math.PI - d;
  return d;
}

export function normalise(a: number): number {
  const t = a % (2 * Math.PI);
  return t < 0 ? t + 2 * Math.PI : t;
}
