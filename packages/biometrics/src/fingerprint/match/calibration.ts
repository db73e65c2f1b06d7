// Maps the raw similarity to score = −log10(FMR): the false match rate an impostor comparison reaches at that raw value.
// Table points (raw, −log10 FMR) were measured with `npm run eval:fingerprint -- --calibrate` on impostor comparisons
// of this engine's own templates (see README "Score calibration"). Between points: linear; past the last: an
// exponential tail (linear in −log10 FMR), capped at MAX_SCORE.
import { CALIBRATION_POINTS, CALIBRATION_RESOLUTION, CALIBRATION_TAIL_SLOPE } from './calibration-table';

/**
 * How many decades of FMR the tail may be extrapolated past the impostor data's resolution
 * (log10 of the number of impostor comparisons the table was fitted on). Beyond that no
 * measurement supports a figure, so every stronger match scores the same: "rarer than this".
 */
export const EXTRAPOLATION_DECADES = 2;

/** Highest score calibrate() returns: the fit's resolution plus the extrapolation limit (≈ 7 for 113,280 impostors). */
export const MAX_SCORE = CALIBRATION_RESOLUTION + EXTRAPOLATION_DECADES;

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
  return Math.min(MAX_SCORE, sl + (raw - rl) * CALIBRATION_TAIL_SLOPE);
}
