// Fits the raw→score table used by calibrate(): score = −log10(FMR) read off the empirical impostor
// distribution at quarter-decade steps, down to the rate where at least `minTail` impostors remain.

export interface CalibrationFit {
  points: Array<[number, number]>;
  /** Decades of FMR per unit of raw score beyond the last point (exponential tail). */
  tailSlope: number;
  impostors: number;
  /** log10 of the impostor count: the largest −log10 FMR the data itself can show. */
  resolution: number;
}

export function fitCalibration(impostorRaw: number[], minTail = 10): CalibrationFit {
  const s = Float64Array.from(impostorRaw).sort();
  const n = s.length;
  if (n < 100) throw new RangeError(`calibration needs at least 100 impostor scores, got ${n}`);
  const points: Array<[number, number]> = [[0, 0]];
  for (let level = 0.25; n * 10 ** -level >= minTail; level += 0.25) {
    // Raw value exceeded by a fraction 10^−level of impostors.
    const raw = s[Math.min(n - 1, Math.floor(n * (1 - 10 ** -level)))];
    if (raw > points[points.length - 1][0]) points.push([raw, level]);
  }
  const tail = points.slice(-4);
  const tailSlope = tail.length >= 2 ? (tail[tail.length - 1][1] - tail[0][1]) / (tail[tail.length - 1][0] - tail[0][0]) : 1;
  return { points, tailSlope, impostors: n, resolution: Math.log10(n) };
}
