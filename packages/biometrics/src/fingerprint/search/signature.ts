// Fixed-length, rotation/translation-invariant summary of a template for the 1:N prefilter:
// a histogram of neighbourhood edges over (length, relative angle at each end), square-rooted and L2-normalised.
import type { PreparedTemplate } from '../match/prepare';

const LENGTH_BINS = 5;
const LENGTH_STEP = 40;
const ANGLE_BINS = 8;
export const SIGNATURE_SIZE = LENGTH_BINS * ANGLE_BINS * ANGLE_BINS;

export function edgeSignature(t: PreparedTemplate): Float32Array {
  const h = new Float32Array(SIGNATURE_SIZE);
  for (let e = 0; e < t.edgeCount; e++) {
    const li = Math.min(LENGTH_BINS - 1, Math.floor(t.length[e] / LENGTH_STEP));
    // Both directions of the edge, so the histogram does not depend on minutia order.
    const a = t.bi[e] >> 5, b = t.bj[e] >> 5;
    const ra = ((t.bj[e] + 128) & 255) >> 5, rb = ((t.bi[e] + 128) & 255) >> 5;
    h[(li * ANGLE_BINS + a) * ANGLE_BINS + b] += 1;
    h[(li * ANGLE_BINS + ra) * ANGLE_BINS + rb] += 1;
  }
  let norm = 0;
  for (let k = 0; k < h.length; k++) { h[k] = Math.sqrt(h[k]); norm += h[k] * h[k]; }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < h.length; k++) h[k] /= norm;
  return h;
}
