// Verification metrics over genuine and impostor similarity scores (higher = more alike).

export interface VerificationMetrics {
  eer: number;
  eerThreshold: number;
  tarAtFar01: number;
  tarAtFar001: number;
}

export function verificationMetrics(genuine: number[], impostor: number[]): VerificationMetrics {
  if (genuine.length === 0 || impostor.length === 0) throw new Error('need at least one genuine and one impostor pair');
  const thresholds = [...new Set([...genuine, ...impostor])].sort((a, b) => a - b);
  let best = { gap: Infinity, eer: 1, threshold: 0 };
  // Accept when score >= threshold.
  for (const t of [...thresholds, Infinity]) {
    const far = impostor.filter((s) => s >= t).length / impostor.length;
    const frr = genuine.filter((s) => s < t).length / genuine.length;
    const gap = Math.abs(far - frr);
    if (gap < best.gap) best = { gap, eer: (far + frr) / 2, threshold: t };
  }
  return { eer: best.eer, eerThreshold: best.threshold, tarAtFar01: tarAtFar(genuine, impostor, 0.01), tarAtFar001: tarAtFar(genuine, impostor, 0.001) };
}

/** Highest TAR whose threshold lets through at most `far` of the impostors. */
export function tarAtFar(genuine: number[], impostor: number[], far: number): number {
  const sorted = [...impostor].sort((a, b) => b - a);
  const allowed = Math.floor(far * impostor.length);
  // Accept strictly above the (allowed+1)-th highest impostor score.
  const threshold = sorted[allowed] ?? -Infinity;
  return genuine.filter((s) => s > threshold).length / genuine.length;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
