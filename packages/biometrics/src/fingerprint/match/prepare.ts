// Rotation/translation-invariant neighbourhood edges of a template, and the probe-side lookup table over them.
import type { FingerprintTemplate } from '../types';

export const NEIGHBOURS = 8;
export const MAX_EDGE = 200;
export const EDGE_STRIDE = 6; // i, j, length, angle of i relative to edge, angle of j relative to edge, edge direction
const TWO_PI = 2 * Math.PI;

export interface PreparedTemplate {
  n: number;
  /** 500 ppi frame with y pointing up so that angles are counter-clockwise. */
  x: Float32Array;
  y: Float32Array;
  angle: Float32Array;
  quality: Uint8Array;
  /** Undirected edges to each minutia's nearest neighbours, EDGE_STRIDE floats each. */
  edges: Float32Array;
  edgeCount: number;
}

export function wrap(a: number): number {
  const t = a % TWO_PI;
  return t < 0 ? t + TWO_PI : t;
}

export function prepareTemplate(t: FingerprintTemplate): PreparedTemplate {
  const scale = t.ppi > 0 ? 500 / t.ppi : 1;
  const n = Math.min(255, t.minutiae.length);
  const x = new Float32Array(n), y = new Float32Array(n), angle = new Float32Array(n), quality = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const m = t.minutiae[k];
    x[k] = m.x * scale;
    y[k] = -m.y * scale;
    angle[k] = wrap(m.angle);
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
    for (let r = 0; r < Math.min(NEIGHBOURS, order.length); r++) {
      const j = order[r];
      const a = Math.min(i, j), b = Math.max(i, j);
      if (!linked[a * n + b]) { linked[a * n + b] = 1; pairs.push(a, b); }
    }
  }
  const edgeCount = pairs.length / 2;
  const edges = new Float32Array(edgeCount * EDGE_STRIDE);
  for (let e = 0; e < edgeCount; e++) {
    const i = pairs[2 * e], j = pairs[2 * e + 1];
    const phi = wrap(Math.atan2(y[j] - y[i], x[j] - x[i]));
    const o = e * EDGE_STRIDE;
    edges[o] = i;
    edges[o + 1] = j;
    edges[o + 2] = Math.hypot(x[j] - x[i], y[j] - y[i]);
    edges[o + 3] = wrap(angle[i] - phi);
    edges[o + 4] = wrap(angle[j] - phi);
    edges[o + 5] = phi;
  }
  return { n, x, y, angle, quality, edges, edgeCount };
}

// Lookup table: bins over (length, relative angle 1, relative angle 2); each probe edge (both directions)
// is entered in every bin its tolerance box touches, so a gallery edge needs to read only its own bin.
export const D_BIN = 12;
export const A_BINS = 12;
const D_BINS = Math.ceil(MAX_EDGE / D_BIN) + 2;
export const BIN_COUNT = D_BINS * A_BINS * A_BINS;
export const ANGLE_TOLERANCE = Math.PI / 8;

export function lengthTolerance(d: number): number {
  return 6 + 0.07 * d;
}

export function binOf(d: number, b1: number, b2: number): number {
  const di = Math.min(D_BINS - 1, Math.floor(d / D_BIN));
  const ai = Math.floor((b1 / TWO_PI) * A_BINS) % A_BINS;
  const bi = Math.floor((b2 / TWO_PI) * A_BINS) % A_BINS;
  return (di * A_BINS + ai) * A_BINS + bi;
}

export interface ProbeIndex {
  /** Directed probe edges: EDGE_STRIDE floats each (both directions of every undirected edge). */
  directed: Float32Array;
  start: Int32Array;
  entries: Int32Array;
}

export function buildProbeIndex(p: PreparedTemplate): ProbeIndex {
  const count = p.edgeCount * 2;
  const directed = new Float32Array(count * EDGE_STRIDE);
  for (let e = 0; e < p.edgeCount; e++) {
    const o = e * EDGE_STRIDE;
    const [i, j, d, b1, b2, phi] = p.edges.subarray(o, o + EDGE_STRIDE);
    directed.set([i, j, d, b1, b2, phi], 2 * o);
    directed.set([j, i, d, wrap(b2 + Math.PI), wrap(b1 + Math.PI), wrap(phi + Math.PI)], 2 * o + EDGE_STRIDE);
  }
  const bins: number[][] = [];
  const aStep = TWO_PI / A_BINS;
  for (let e = 0; e < count; e++) {
    const o = e * EDGE_STRIDE;
    const d = directed[o + 2], b1 = directed[o + 3], b2 = directed[o + 4];
    const td = lengthTolerance(d);
    const d0 = Math.max(0, Math.floor((d - td) / D_BIN)), d1 = Math.min(D_BINS - 1, Math.floor((d + td) / D_BIN));
    const a0 = Math.floor((b1 - ANGLE_TOLERANCE) / aStep), a1 = Math.floor((b1 + ANGLE_TOLERANCE) / aStep);
    const c0 = Math.floor((b2 - ANGLE_TOLERANCE) / aStep), c1 = Math.floor((b2 + ANGLE_TOLERANCE) / aStep);
    for (let di = d0; di <= d1; di++) {
      for (let ai = a0; ai <= a1; ai++) {
        for (let ci = c0; ci <= c1; ci++) {
          const bin = (di * A_BINS + ((ai + A_BINS) % A_BINS)) * A_BINS + ((ci + A_BINS) % A_BINS);
          (bins[bin] ??= []).push(e);
        }
      }
    }
  }
  const start = new Int32Array(BIN_COUNT + 1);
  for (let b = 0; b < BIN_COUNT; b++) start[b + 1] = start[b] + (bins[b]?.length ?? 0);
  const entries = new Int32Array(start[BIN_COUNT]);
  for (let b = 0; b < BIN_COUNT; b++) if (bins[b]) entries.set(bins[b], start[b]);
  return { directed, start, entries };
}
