export type MinutiaType = 'ending' | 'bifurcation' | 'other';

/**
 * One minutia in the 500 ppi pixel frame (origin top-left, y down).
 * `angle` is in radians, counter-clockwise from the +x axis as seen on screen (ISO 19794-2 convention), in [0, 2π).
 * Ridge endings point from the ridge body out through the end; bifurcations point from the fork into the stem.
 */
export interface Minutia {
  x: number;
  y: number;
  angle: number;
  type: MinutiaType;
  /** 0 (unknown/worst) to 100 (best). */
  quality: number;
}

export interface FingerprintTemplate {
  width: number;
  height: number;
  /** Resolution of the coordinate frame in pixels per inch (500 for templates this engine extracts). */
  ppi: number;
  /** Image quality 1 (best) to 5 (worst), NFIQ-like; 0 when unknown (e.g. imported records). */
  imageQuality: number;
  minutiae: Minutia[];
  /** Coarse ridge-orientation field of the image, when the template was extracted here (absent for ISO/ANSI imports). */
  orientation?: OrientationField;
  /** Coarse ridge-period field (same cells as the orientation field), when extracted here (compact version 3). */
  ridgePeriod?: RidgePeriodField;
}

/** Ridge period per cell in tenths of a pixel (500 ppi), 0 = background. */
export interface RidgePeriodField {
  cell: number;
  cols: number;
  rows: number;
  values: Uint8Array;
}

/**
 * Ridge orientation per square cell of `cell` pixels (500 ppi frame, row-major from the top-left),
 * as 0..179 = degrees counter-clockwise from +x as seen on screen (an orientation, not a direction: mod 180°),
 * or 255 for background.
 */
export interface OrientationField {
  cell: number;
  cols: number;
  rows: number;
  angles: Uint8Array;
}

export const NO_ORIENTATION = 255;
