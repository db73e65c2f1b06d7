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

/**
 * Compare two fingerprint templates. The score is −log10(estimated FMR): 0 = nothing in common,
 * 3 ≈ one impostor in a thousand scores this high, 5 ≈ one in 100,000. Symmetric up to floating point.
 */
export function compareTemplates(a: FingerprintTemplate | PreparedTemplate, b: FingerprintTemplate | PreparedTemplate): number {
  const pa = prepareTemplate(a), pb = prepareTemplate(b);
  // Probe = the smaller template: its lookup table is cheaper and the result does not depend on order.
  const [probe, candidate] = pa.n <= pb.n ? [pa, pb] : [pb, pa];
  return calibrate(compareRaw(probe, probeIndexOf(probe), candidate).raw);
}

export function compareRawScore(a: FingerprintTemplate | PreparedTemplate, b: FingerprintTemplate | PreparedTemplate): number {
  const pa = prepareTemplate(a), pb = prepareTemplate(b);
  const [probe, candidate] = pa.n <= pb.n ? [pa, pb] : [pb, pa];
  return compareRaw(probe, probeIndexOf(probe), candidate).raw;
}
