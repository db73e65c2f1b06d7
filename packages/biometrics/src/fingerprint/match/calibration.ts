// Maps the raw similarity to score = −log10(FMR): the false match rate an impostor comparison reaches at that raw value.
// Table points (raw, −log10 FMR) were measured with `npm run eval:fingerprint -- --calibrate` on impostor comparisons
// of this engine's own templates (see README "Score calibration"). Between points: linear; past the last: exponential tail.
import { CALIBRATION_POINTS, CALIBRATION_TAIL_SLOPE } from './calibration-table';

export function calibrate(raw: number): number {
  const t = CALIBRATION_POINTS;
  if (!(raw > t[0][0])) return 0;
  for (let k = 1; k < t.length; k++) {
    if (raw <= t[k][0]) {
      const [r0, s0] = t[k - 1], [r1, s1] = t[k];
      return s0 + ((raw - r0) / (r1 - r0)) * (s1 - s0);
    }
  }
  const [rl, sl] = t[t.length - 1];
  return sl + (raw - rl) * CALIBRATION_TAIL_SLOPE;
}
