import { Badge } from '@mantine/core';
import type { HitStatus } from '@custodian/contracts';

const STATUS_COLOR: Record<HitStatus, string> = { open: 'orange', confirmed: 'red', dismissed: 'gray', withdrawn: 'gray' };

export const HitStatusBadge = ({ value }: { value: HitStatus }) => (
  <Badge color={STATUS_COLOR[value]} variant={value === 'withdrawn' ? 'outline' : 'light'} radius="sm">{value}</Badge>
);

/** Scores as analysts read them: two decimals, stronger colour the closer to certain. */
export const ScoreBadge = ({ value }: { value: number }) => (
  <Badge color={value >= 0.9 ? 'red' : value >= 0.8 ? 'orange' : 'yellow'} variant="filled" radius="sm" ff="monospace">{value.toFixed(2)}</Badge>
);

export const SOURCE_LABEL: Record<string, string> = { un: 'UN SC', ofac: 'OFAC SDN', local: 'Local' };
