// Rotation/translation-invariant neighbourhood edges of a template, and the probe-side lookup table over them.
// Angles are integers in 1/256 of a turn so that differences wrap with a mask instead of floating-point modulo.
import { NO_ORIENTATION, type FingerprintTemplate } from '../types';
import { buildCylinders, type Cylinders } from './cylinders';

export const NEIGHBOURS = 10;
export const EXTRA = { neighbours: NEIGHBOURS };
export const MAX_EDGE = 200;
/**
 * Minutiae of at least this quality count fully in the score normalisation; weaker ones count in
 * proportion, so unreliable minutiae (near the border, in smudged areas) that find no partner cost less.
 * Quality 0 means "not reported" (ISO/ANSI) and counts fully.
 */
export const QUALITY = { full: 100 };
export const TURN = 256;
const TWO_PI = 2 * Math.PI;

export interface PreparedTemplate {
  n: number;
  /** 500 ppi frame with y pointing up so that angles are counter-clockwise. */
  x: Float32Array;
  y: Float32Array;
  /** Minutia direction in 1/256 turn. */
  angle: Uint8Array;
  quality: Uint8Array;
  /** Minutia count weighted by quality, each minutia counting min(1, quality / QUALITY_FULL). */
  weightedCount: number;
  /** Undirected edges between each minutia and its nearest neighbours. */
  edgeCount: number;
  ei: Uint8Array;
  ej: Uint8Array;
  length: Float32Array;
  /** Direction of i, of j, relative to the edge i→j; and the edge direction itself (1/256 turn). */
  bi: Uint8Array;
  bj: Uint8Array;
  phi: Uint8Array;
  /** Lookup bin and length tolerance of each edge as a gallery edge (see binOf, lengthTolerance). */
  bin: Int32Array;
  tolerance: Float32Array;
  /** Orientation field (absent for templates without one, e.g. ISO/ANSI imports): see OrientationCells. */
  field?: OrientationCells;
  /** Local descriptor of each minutia (see cylinders.ts). */
  cylinders: Cylinders;
  /** Ridge-period field (absent for templates without one): ln of the period per cell (matcher frame) and the foreground cells listed. */
  period?: PeriodCells;
}

/** Ridge-period field in the matcher's frame: `grid` = ln(period in 500 ppi px × 10) per cell (0 where `values` is 0). */
export interface PeriodCells { cell: number; cols: number; rows: number; values: Uint8Array; grid: Float32Array; cx: Float32Array; cy: Float32Array; cv: Float32Array }

function preparePeriod(t: FingerprintTemplate, scale: number): PeriodCells | undefined {
  const f = t.ridgePeriod;
  if (!f || f.cols * f.rows !== f.values.length || f.cell <= 0) return undefined;
  let count = 0;
  for (const v of f.values) if (v !== 0) count++;
  const cx = new Float32Array(count), cy = new Float32Array(count), cv = new Float32Array(count);
  let k = 0;
  for (let r = 0; r < f.rows; r++) {
    for (let c = 0; c < f.cols; c++) {
      const v = f.values[r * f.cols + c];
      if (v === 0) continue;
      cx[k] = (c + 0.5) * f.cell * scale;
      cy[k] = -(r + 0.5) * f.cell * scale;
      cv[k++] = Math.log(v * scale);
    }
  }
  const grid = Float32Array.from(f.values, (v) => (v ? Math.log(v * scale) : 0));
  return { cell: f.cell * scale, cols: f.cols, rows: f.rows, values: f.values, grid, cx, cy, cv };
}

/** A template's orientation field in the matcher's frame (500 ppi, y up). */
export interface OrientationCells {
  /** Cell side in 500 ppi pixels. */
  cell: number;
  cols: number;
  rows: number;
  /** Per cell, row-major: degrees 0..179 counter-clockwise, or NO_ORIENTATION. */
  angles: Uint8Array;
  /** Foreground cells as a list: centre (matcher frame) and orientation in degrees. */
  cx: Float32Array;
  cy: Float32Array;
  ca: Uint8Array;
  /** When the template's period field has the same cells: ln period per listed cell and per grid cell, NO_PERIOD where none. */
  cp?: Float32Array;
  periodGrid?: Float32Array;
}

/** Marks a cell without a ridge period in OrientationCells.cp / periodGrid (ln periods are far above it). */
export const NO_PERIOD = -100;

function prepareField(t: FingerprintTemplate, scale: number): OrientationCells | undefined {
  const f = t.orientation;
  if (!f || f.cols * f.rows !== f.angles.length || f.cell <= 0) return undefined;
  let count = 0;
  for (const a of f.angles) if (a !== NO_ORIENTATION) count++;
  const cx = new Float32Array(count), cy = new Float32Array(count), ca = new Uint8Array(count);
  let k = 0;
  for (let r = 0; r < f.rows; r++) {
    for (let c = 0; c < f.cols; c++) {
      const a = f.angles[r * f.cols + c];
      if (a === NO_ORIENTATION) continue;
      cx[k] = (c + 0.5) * f.cell * scale;
      cy[k] = -(r + 0.5) * f.cell * scale;
      ca[k++] = a % 180;
    }
  }
  return { cell: f.cell * scale, cols: f.cols, rows: f.rows, angles: f.angles, cx, cy, ca };
}

export function toTurn(radians: number): number {
  return Math.round((radians / TWO_PI) * TURN) & (TURN - 1);
}

export function prepareTemplate(t: FingerprintTemplate): PreparedTemplate {
  const scale = t.ppi > 0 ? 500 / t.ppi : 1;
  const n = Math.min(255, t.minutiae.length);
  const x = new Float32Array(n), y = new Float32Array(n), angle = new Uint8Array(n), quality = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const m = t.minutiae[k];
    x[k] = m.x * scale;
    y[k] = -m.y * scale;
    angle[k] = toTurn(m.angle);
    quality[k] = m.quality;
  }
  // Union of k-nearest-neighbour graphs, stored once per unordered pair.
  const linked = new Uint8Array(n * n);
  const dist = new Float32Array(n);
  const order: number[] = [];
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    order.length = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      dist[j] = Math.hypot(x[j] - x[i], y[j] - y[i]);
      if (dist[j] <= MAX_EDGE && dist[j] >= 4) order.push(j);
    }
    order.sort((a, b) => dist[a] - dist[b]);
    for (let r = 0; r < Math.min(EXTRA.neighbours, order.length); r++) {
      const j = order[r];
      const a = Math.min(i, j), b = Math.max(i, j);
      if (!linked[a * n + b]) { linked[a * n + b] = 1; pairs.push(a, b); }
    }
  }
  const edgeCount = pairs.length / 2;
  // Edges are stored in lookup-bin order (ties by minutia indices) so that, as the gallery side of a
  // comparison, they read the probe's lookup table front to back: sequential memory, not random.
  const raw: Array<{ i: number; j: number; p: number; d: number; a: number; b: number; bin: number }> = [];
  for (let e = 0; e < edgeCount; e++) {
    const i = pairs[2 * e], j = pairs[2 * e + 1];
    const p = toTurn(Math.atan2(y[j] - y[i], x[j] - x[i]));
    const d = Math.hypot(x[j] - x[i], y[j] - y[i]);
    const a = (angle[i] - p) & (TURN - 1), b = (angle[j] - p) & (TURN - 1);
    raw.push({ i, j, p, d, a, b, bin: binOf(d, a, b) });
  }
  raw.sort((u, v) => u.bin - v.bin || u.i - v.i || u.j - v.j);
  const ei = new Uint8Array(edgeCount), ej = new Uint8Array(edgeCount), length = new Float32Array(edgeCount);
  const bi = new Uint8Array(edgeCount), bj = new Uint8Array(edgeCount), phi = new Uint8Array(edgeCount);
  const bin = new Int32Array(edgeCount), tolerance = new Float32Array(edgeCount);
  raw.forEach((r, e) => {
    ei[e] = r.i;
    ej[e] = r.j;
    length[e] = r.d;
    bi[e] = r.a;
    bj[e] = r.b;
    phi[e] = r.p;
    bin[e] = r.bin;
    tolerance[e] = lengthTolerance(r.d);
  });
  let weightedCount = 0;
  for (let k = 0; k < n; k++) weightedCount += quality[k] === 0 || QUALITY.full <= 0 ? 1 : Math.min(1, quality[k] / QUALITY.full);
  const field = prepareField(t, scale);
  const theta = Float64Array.from(angle, (a) => (a / TURN) * TWO_PI);
  const cylinders = buildCylinders(x, y, theta, n, field, angle);
  const period = preparePeriod(t, scale);
  if (field && period && period.cell === field.cell && period.cols === field.cols && period.rows === field.rows) {
    // The same cells: the period cue rides on the orientation cue's pass (compare.ts, orientationAgreement).
    field.periodGrid = Float32Array.from(period.values, (v, k) => (v ? period.grid[k] : NO_PERIOD));
    field.cp = Float32Array.from(field.cx, (x, k) => {
      const c = Math.floor(x / field.cell), r = Math.floor(-field.cy[k] / field.cell);
      return field.periodGrid![r * field.cols + c];
    });
  }
  return { n, x, y, angle, quality, weightedCount, edgeCount, ei, ej, length, bi, bj, phi, bin, tolerance, field, cylinders, ...(period ? { period } : {}) };
}

// Lookup table: bins over (length, relative angle i, relative angle j); each probe edge (both directions)
// is entered in every bin its tolerance box touches, so a gallery edge reads only its own bin. Bins are
// narrower than the tolerances so that few of the entries a gallery edge reads are rejected; entries
// are stored bin by bin with their attributes alongside, so the vote loop reads memory in order.
export const D_BIN = 10;
export const A_BINS = 16;
const A_SHIFT = 4; // 256 / 16 = 16 units per angle bin
const D_BINS = Math.ceil(MAX_EDGE / D_BIN) + 2;
export const BIN_COUNT = D_BINS * A_BINS * A_BINS;

export interface MatchParams {
  /** Relative-angle tolerance of an edge, 1/256 turn. */
  edgeAngleTolerance: number;
  edgeLengthBase: number;
  edgeLengthSlope: number;
}

export const PARAMS: MatchParams = { edgeAngleTolerance: 11, edgeLengthBase: 6, edgeLengthSlope: 0.06 };

export function lengthTolerance(d: number): number {
  return PARAMS.edgeLengthBase + PARAMS.edgeLengthSlope * d;
}

export function binOf(d: number, b1: number, b2: number): number {
  const di = Math.min(D_BINS - 1, Math.floor(d / D_BIN));
  return (di * A_BINS + (b1 >> A_SHIFT)) * A_BINS + (b2 >> A_SHIFT);
}

export interface ProbeIndex {
  /** Per entry (bin by bin): probe minutiae at the ends of the directed edge, its length, relative angles, direction. */
  di: Uint8Array;
  dj: Uint8Array;
  length: Float32Array;
  bi: Uint8Array;
  bj: Uint8Array;
  phi: Uint8Array;
  /** Entries of bin b are start[b] .. start[b+1]-1. */
  start: Int32Array;
}

export function buildProbeIndex(p: PreparedTemplate): ProbeIndex {
  const count = p.edgeCount * 2;
  const di = new Uint8Array(count), dj = new Uint8Array(count), length = new Float32Array(count);
  const bi = new Uint8Array(count), bj = new Uint8Array(count), phi = new Uint8Array(count);
  for (let e = 0; e < p.edgeCount; e++) {
    di[2 * e] = p.ei[e]; dj[2 * e] = p.ej[e]; length[2 * e] = p.length[e];
    bi[2 * e] = p.bi[e]; bj[2 * e] = p.bj[e]; phi[2 * e] = p.phi[e];
    // Reversed edge: the edge direction turns by half a turn, so both relative angles shift by 128.
    di[2 * e + 1] = p.ej[e]; dj[2 * e + 1] = p.ei[e]; length[2 * e + 1] = p.length[e];
    bi[2 * e + 1] = (p.bj[e] + 128) & 255; bj[2 * e + 1] = (p.bi[e] + 128) & 255; phi[2 * e + 1] = (p.phi[e] + 128) & 255;
  }
  const counts = new Int32Array(BIN_COUNT + 1);
  const tol = PARAMS.edgeAngleTolerance;
  const visit = (e: number, emit: (bin: number) => void): void => {
    const d = length[e], td = lengthTolerance(d);
    const d0 = Math.max(0, Math.floor((d - td) / D_BIN)), d1 = Math.min(D_BINS - 1, Math.floor((d + td) / D_BIN));
    const a0 = (bi[e] - tol) >> A_SHIFT, a1 = (bi[e] + tol) >> A_SHIFT;
    const c0 = (bj[e] - tol) >> A_SHIFT, c1 = (bj[e] + tol) >> A_SHIFT;
    for (let dd = d0; dd <= d1; dd++) {
      for (let a = a0; a <= a1; a++) {
        for (let c = c0; c <= c1; c++) emit((dd * A_BINS + (a & (A_BINS - 1))) * A_BINS + (c & (A_BINS - 1)));
      }
    }
  };
  for (let e = 0; e < count; e++) visit(e, (bin) => { counts[bin + 1]++; });
  const start = new Int32Array(BIN_COUNT + 1);
  for (let b = 0; b < BIN_COUNT; b++) start[b + 1] = start[b] + counts[b + 1];
  const fill = start.slice(0, BIN_COUNT);
  const total = start[BIN_COUNT];
  const index: ProbeIndex = {
    di: new Uint8Array(total), dj: new Uint8Array(total), length: new Float32Array(total),
    bi: new Uint8Array(total), bj: new Uint8Array(total), phi: new Uint8Array(total), start,
  };
  for (let e = 0; e < count; e++) {
    visit(e, (bin) => {
      const k = fill[bin]++;
      index.di[k] = di[e]; index.dj[k] = dj[e]; index.length[k] = length[e];
      index.bi[k] = bi[e]; index.bj[k] = bj[e]; index.phi[k] = phi[e];
    });
  }
  return index;
}
