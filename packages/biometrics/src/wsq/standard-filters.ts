// The 9/7 analysis filter pair recommended by the WSQ specification, centre tap first, in the
// transmitted form (sign, decimal scale, unsigned value) so the encoder's DTT segment and the
// taps it filters with are identical.
export interface ScaledValue {
  negative: boolean;
  scale: number;
  value: number;
}

export const STANDARD_LO_HALF: ScaledValue[] = [
  { negative: false, scale: 9, value: 0x32d325cd },
  { negative: false, scale: 10, value: 0xe0f3199a },
  { negative: true, scale: 10, value: 0x41eff19a },
  { negative: true, scale: 11, value: 0x8e2764cd },
  { negative: false, scale: 11, value: 0xe179a333 },
];

export const STANDARD_HI_HALF: ScaledValue[] = [
  { negative: false, scale: 9, value: 0x2eff5600 },
  { negative: true, scale: 10, value: 0xf933d333 },
  { negative: true, scale: 11, value: 0xf287219a },
  { negative: false, scale: 10, value: 0x2677da33 },
];

export function scaledToNumber(v: ScaledValue): number {
  const x = v.value / 10 ** v.scale;
  return v.negative ? -x : x;
}
