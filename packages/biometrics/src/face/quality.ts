// Quality of one detected face, for deciding whether a photo is good enough to enrol or search.
// Thresholds follow the spirit of ICAO 9303 / ISO 19794-5 portrait guidance, loosened for field
// photos: they flag, they do not reject; the caller decides what to do with a flag.
import { fivePoints, type AlignedFace, type Point } from './align';

export type FaceQualityIssue =
  | 'face-too-small'
  | 'pose-yaw'
  | 'pose-roll'
  | 'blurry'
  | 'underexposed'
  | 'overexposed'
  | 'multiple-faces'
  | 'low-detection-confidence';

export interface FaceQuality {
  /** Distance between eye centres in source-image pixels (ICAO asks ≥ 90 for passports). */
  interEyePixels: number;
  /** Estimated head turn, degrees; 0 frontal, sign = direction of the nose in the image. */
  yawDegrees: number;
  /** Head tilt in the image plane, degrees (removed by alignment, reported for the record). */
  rollDegrees: number;
  /** Variance of the Laplacian of the aligned grey face (150 px), higher is sharper. */
  sharpness: number;
  /** Mean luminance of the aligned face, 0..1. */
  brightness: number;
  /** Share of aligned-face pixels at the ends of the range (≤ 5 or ≥ 250). */
  clippedFraction: number;
  detectionScore: number;
  facesInImage: number;
  issues: FaceQualityIssue[];
  /** True when there are no issues. */
  acceptable: boolean;
}

export const QUALITY_LIMITS = {
  minInterEyePixels: 30,
  maxAbsYawDegrees: 30,
  maxAbsRollDegrees: 25,
  // Every in-focus portrait of the deepface set scores ≥ 199; a blur of σ ≈ 3 % of the
  // inter-eye distance brings a face down to 15–35.
  minSharpness: 60,
  minBrightness: 0.2,
  maxBrightness: 0.85,
  maxClippedFraction: 0.25,
  minDetectionScore: 0.8,
} as const;

export function assessQuality(input: {
  landmarks: readonly Point[];
  aligned: AlignedFace;
  sourceScale: number;
  detectionScore: number;
  facesInImage: number;
}): FaceQuality {
  const { leftEye, rightEye } = fivePoints(input.landmarks);
  const interEyePixels = Math.hypot(rightEye.x - leftEye.x, rightEye.y - leftEye.y) * input.sourceScale;
  const yawDegrees = estimateYaw(input.aligned.landmarks);
  const { sharpness, brightness, clippedFraction } = measurePixels(input.aligned);
  const L = QUALITY_LIMITS;
  const issues: FaceQualityIssue[] = [];
  if (interEyePixels < L.minInterEyePixels) issues.push('face-too-small');
  if (Math.abs(yawDegrees) > L.maxAbsYawDegrees) issues.push('pose-yaw');
  if (Math.abs(input.aligned.rollDegrees) > L.maxAbsRollDegrees) issues.push('pose-roll');
  if (sharpness < L.minSharpness) issues.push('blurry');
  if (brightness < L.minBrightness) issues.push('underexposed');
  if (brightness > L.maxBrightness || clippedFraction > L.maxClippedFraction) issues.push('overexposed');
  if (input.facesInImage > 1) issues.push('multiple-faces');
  if (input.detectionScore < L.minDetectionScore) issues.push('low-detection-confidence');
  return {
    interEyePixels: round(interEyePixels, 1),
    yawDegrees: round(yawDegrees, 1),
    rollDegrees: round(input.aligned.rollDegrees, 1),
    sharpness: round(sharpness, 1),
    brightness: round(brightness, 3),
    clippedFraction: round(clippedFraction, 3),
    detectionScore: round(input.detectionScore, 3),
    facesInImage: input.facesInImage,
    issues,
    acceptable: issues.length === 0,
  };
}

/**
 * Yaw from where the nose tip sits between the two jaw ends (landmarks 0 and 16) in the
 * roll-corrected crop: centred means frontal; the offset maps to an angle through asin,
 * treating the head as a cylinder. Rough (±10°), but enough to flag profile shots.
 */
function estimateYaw(landmarks: readonly Point[]): number {
  const left = landmarks[0]!.x;
  const right = landmarks[16]!.x;
  const nose = landmarks[30]!.x;
  const width = right - left;
  if (width <= 0) return 90;
  const offset = Math.max(-1, Math.min(1, (2 * (nose - left)) / width - 1));
  return (Math.asin(offset) * 180) / Math.PI;
}

function measurePixels(aligned: AlignedFace): { sharpness: number; brightness: number; clippedFraction: number } {
  const { data, width, height } = aligned.image;
  const grey = new Float32Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * data[i * 3]! + 0.587 * data[i * 3 + 1]! + 0.114 * data[i * 3 + 2]!;
  // Inner face only (middle 60 %), so background and hair do not decide sharpness or exposure.
  const x0 = Math.round(width * 0.2);
  const x1 = Math.round(width * 0.8);
  const y0 = Math.round(height * 0.2);
  const y1 = Math.round(height * 0.8);
  let sum = 0;
  let clipped = 0;
  let count = 0;
  let lapSum = 0;
  let lapSq = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * width + x;
      const g = grey[i]!;
      sum += g;
      if (g <= 5 || g >= 250) clipped++;
      const lap = grey[i - 1]! + grey[i + 1]! + grey[i - width]! + grey[i + width]! - 4 * g;
      lapSum += lap;
      lapSq += lap * lap;
      count++;
    }
  }
  const lapMean = lapSum / count;
  return { sharpness: lapSq / count - lapMean * lapMean, brightness: sum / count / 255, clippedFraction: clipped / count };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
