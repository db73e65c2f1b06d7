export const SOI = 0xffa0;
export const EOI = 0xffa1;
export const SOF = 0xffa2;
export const SOB = 0xffa3;
export const DTT = 0xffa4;
export const DQT = 0xffa5;
export const DHT = 0xffa6;
export const DRT = 0xffa7;
export const COM = 0xffa8;

const NAMES: Record<number, string> = {
  [SOI]: 'SOI', [EOI]: 'EOI', [SOF]: 'SOF', [SOB]: 'SOB', [DTT]: 'DTT',
  [DQT]: 'DQT', [DHT]: 'DHT', [DRT]: 'DRT', [COM]: 'COM',
};

export function markerName(m: number): string {
  return NAMES[m] ?? `0x${m.toString(16).toUpperCase()}`;
}
