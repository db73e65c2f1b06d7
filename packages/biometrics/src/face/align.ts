// Alignment: a square crop around the 68 landmarks, rotated so the eyes are level.
// The box follows face-api's own descriptor crop (landmark bounding box plus 20 % padding,
// squared), so the ResNet sees faces framed as it was trained, minus head roll.
import type { RgbImage } from './decode-image';

export interface Point {
  x: number;
  y: number;
}

export interface AlignedFace {
  /** size × size RGB. */
  image: RgbImage;
  /** Head roll that was removed, degrees (positive: clockwise in the image). */
  rollDegrees: number;
  /** Landmarks in crop coordinates. */
  landmarks: Point[];
}

export interface FivePoints {
  leftEye: Point;
  rightEye: Point;
  nose: Point;
  mouthLeft: Point;
  mouthRight: Point;
}

const mean = (pts: readonly Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});

/** The five reference points from the iBUG 68-point layout. Left/right as seen in the image. */
export function fivePoints(landmarks: readonly Point[]): FivePoints {
  return {
    leftEye: mean(landmarks.slice(36, 42)),
    rightEye: mean(landmarks.slice(42, 48)),
    nose: landmarks[30]!,
    mouthLeft: landmarks[48]!,
    mouthRight: landmarks[54]!,
  };
}

export function alignFace(image: RgbImage, landmarks: readonly Point[], size: number, padding = 0.2): AlignedFace {
  const { leftEye, rightEye } = fivePoints(landmarks);
  const angle = Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const centre = mean(landmarks);
  // Landmarks in a frame rotated by -angle around their centre: the eyes lie on a horizontal line.
  const local = landmarks.map((p) => {
    const dx = p.x - centre.x;
    const dy = p.y - centre.y;
    return { x: dx * cos + dy * sin, y: -dx * sin + dy * cos };
  });
  const minX = Math.min(...local.map((p) => p.x));
  const maxX = Math.max(...local.map((p) => p.x));
  const minY = Math.min(...local.map((p) => p.y));
  const maxY = Math.max(...local.map((p) => p.y));
  const w = (maxX - minX) * (1 + 2 * padding);
  const h = (maxY - minY) * (1 + 2 * padding);
  const side = Math.max(w, h);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const step = side / size;
  // Average several source samples per output pixel when shrinking, so a large face is not aliased.
  const sub = Math.max(1, Math.min(4, Math.ceil(step)));
  const out = new Uint8Array(size * size * 3);
  const acc = [0, 0, 0];
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let sv = 0; sv < sub; sv++) {
        for (let su = 0; su < sub; su++) {
          const lx = cx - side / 2 + (u + (su + 0.5) / sub) * step;
          const ly = cy - side / 2 + (v + (sv + 0.5) / sub) * step;
          sampleBilinear(image, centre.x + lx * cos - ly * sin, centre.y + lx * sin + ly * cos, acc);
        }
      }
      const o = (v * size + u) * 3;
      const n = sub * sub;
      out[o] = Math.round(acc[0]! / n);
      out[o + 1] = Math.round(acc[1]! / n);
      out[o + 2] = Math.round(acc[2]! / n);
    }
  }
  return {
    image: { data: out, width: size, height: size, scale: step },
    rollDegrees: (angle * 180) / Math.PI,
    landmarks: local.map((l) => ({ x: (l.x - (cx - side / 2)) / step, y: (l.y - (cy - side / 2)) / step })),
  };
}

/** Adds the bilinear sample at (x, y) to acc; outside the image counts as black, as in face-api's padding. */
function sampleBilinear(image: RgbImage, x: number, y: number, acc: number[]): void {
  const fx = x - 0.5;
  const fy = y - 0.5;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const ax = fx - x0;
  const ay = fy - y0;
  const { data, width, height } = image;
  for (let k = 0; k < 4; k++) {
    const xi = x0 + (k & 1);
    const yi = y0 + (k >> 1);
    if (xi < 0 || yi < 0 || xi >= width || yi >= height) continue;
    const wgt = ((k & 1) ? ax : 1 - ax) * ((k >> 1) ? ay : 1 - ay);
    const o = (yi * width + xi) * 3;
    acc[0]! += wgt * data[o]!;
    acc[1]! += wgt * data[o + 1]!;
    acc[2]! += wgt * data[o + 2]!;
  }
}
