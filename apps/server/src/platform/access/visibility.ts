import { CLEARANCE_LEVELS, clearanceRank, type Clearance } from '@custodian/contracts';

// Need-to-know, first line: records classified above the reader's clearance do not exist for them.
export function visibleClassifications(clearance: Clearance): Clearance[] {
  return CLEARANCE_LEVELS.slice(0, clearanceRank(clearance) + 1) as Clearance[];
}

export const canSee = (clearance: Clearance, classification: string): boolean =>
  clearanceRank(clearance) >= clearanceRank(classification as Clearance);
