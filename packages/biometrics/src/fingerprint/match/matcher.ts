import type { FingerprintTemplate } from '../types';
import { calibrate } from './calibration';
import { compareRaw } from './compare';
import { buildProbeIndex, prepareTemplate as prepareRaw, type PreparedTemplate, type ProbeIndex } from './prepare';

export type { PreparedTemplate } from './prepare';

const prepared = new WeakMap<FingerprintTemplate, PreparedTemplate>();
const indexes = new WeakMap<PreparedTemplate, ProbeIndex>();

/** Precompute matcher structures once per template (cached per template object). */
export function prepareTemplate(t: FingerprintTemplate | PreparedTemplate): PreparedTemplate {
  if ('edgeCount' in t) return t;
  let p = prepared.get(t);
  if (!p) {
    p = prepareRaw(t);
    prepared.set(t, p);
  }
  return p;
}

export function probeIndexOf(p: PreparedTemplate): ProbeIndex {
  let index = indexes.get(p);
  if (!index) {
    index = buildProbeIndex(p);
    indexes.set(p, index);
  }
  return index;
}

/** Total order on prepared templates so that the probe role (and hence the score) does not depend on argument order. */
function probeFirst(a: PreparedTemplate, b: PreparedTemplate): [PreparedTemplate, PreparedTemplate] {
  if (a.n !== b.n) return a.n < b.n ? [a, b] : [b, a];
  if (a.edgeCount !== b.edgeCount) return a.edgeCount < b.edgeCount ? [a, b] : [b, a];
  for (let k = 0; k < a.n; k++) {
    if (a.x[k] !== b.x[k]) return a.x[k] < b.x[k] ? [a, b] : [b, a];
    if (a.y[k] !== b.y[k]) return a.y[k] < b.y[k] ? [a, b] : [b, a];
    if (a.angle[k] !== b.angle[k]) return a.angle[k] < b.angle[k] ? [a, b] : [b, a];
  }
  return [a, b];
}

/**
 * Compare two fingerprint templates. The score is −log10(estimated FMR): 0 = nothing in common,
 * 3 ≈ one impostor in a thousand scores this high, 5 ≈ one in 100,000. Symmetric up to floating point.
 */
export function compareTemplates(a: FingerprintTemplate | PreparedTemplate, b: FingerprintTemplate | PreparedTemplate): number {
  const pa = prepareTemplate(a), pb = prepareTemplate(b);
  // Probe = the smaller template: its lookup table is cheaper; ties are broken by content, not argument order.
  const [probe, candidate] = probeFirst(pa, pb);
  return calibrate(compareRaw(probe, probeIndexOf(probe), candidate).raw);
}

export function compareRawScore(a: FingerprintTemplate | PreparedTemplate, b: FingerprintTemplate | PreparedTemplate): number {
  const pa = prepareTemplate(a), pb = prepareTemplate(b);
  const [probe, candidate] = probeFirst(pa, pb);
  return compareRaw(probe, probeIndexOf(probe), candidate).raw;
}
