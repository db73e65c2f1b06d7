import { Badge, Text, type MantineColor } from '@mantine/core';
import type { Clearance, FacilityRiskLevel, PersonStatus, RiskClass } from '@custodian/contracts';
import type { ReactNode } from 'react';

export const humanize = (s: string): string => (s === 'HVD' ? 'HVD' : (s[0] ?? '') + s.slice(1).toLowerCase().replace(/_/g, ' '));

export const RISK_CLASSES: RiskClass[] = ['HVD', 'HIGH', 'MEDIUM', 'LOW'];
export const STATUSES: PersonStatus[] = ['HELD', 'IN_TRANSIT', 'TRANSFERRED', 'RELEASED', 'REPATRIATED', 'ESCAPED', 'DECEASED'];
export const FLAGS = ['POSSIBLE_MINOR', 'MISSING_DOB'];

const RISK_COLOR: Record<RiskClass, MantineColor> = { HVD: 'grape', HIGH: 'red', MEDIUM: 'yellow', LOW: 'teal' };
export const FACILITY_RISK_COLOR: Record<FacilityRiskLevel, string> = {
  LOW: '#2f9e44', ELEVATED: '#f59f00', HIGH: '#e8590c', CRITICAL: '#c92a2a',
};
const STATUS_COLOR: Partial<Record<PersonStatus, MantineColor>> = {
  HELD: 'blue', IN_TRANSIT: 'cyan', ESCAPED: 'red', DECEASED: 'dark', RELEASED: 'gray', REPATRIATED: 'gray', TRANSFERRED: 'indigo',
};
const CLEARANCE_COLOR: Record<Clearance, MantineColor> = { UNCLASSIFIED: 'gray', RESTRICTED: 'blue', CONFIDENTIAL: 'orange', SECRET: 'red' };
// Flags that put a person's protection at stake are warnings; the rest are record-quality notes.
const WARNING_FLAGS = new Set(['POSSIBLE_MINOR']);

export const RiskBadge = ({ value }: { value: RiskClass }) => (
  <Badge color={RISK_COLOR[value]} variant={value === 'HVD' ? 'filled' : 'light'} radius="sm">{humanize(value)}</Badge>
);

export const StatusBadge = ({ value }: { value: PersonStatus }) => (
  <Badge color={STATUS_COLOR[value] ?? 'gray'} variant="dot" radius="sm">{humanize(value)}</Badge>
);

export const FacilityRiskBadge = ({ value }: { value: FacilityRiskLevel }) => (
  <Badge color={FACILITY_RISK_COLOR[value]} variant="light" radius="sm">{humanize(value)}</Badge>
);

export const ClearanceBadge = ({ value, prefix }: { value: Clearance; prefix?: string }) => (
  <Badge color={CLEARANCE_COLOR[value]} variant="outline" radius="sm">{prefix ? `${prefix}: ` : ''}{value}</Badge>
);

export const FlagBadge = ({ value }: { value: string }) => (
  <Badge color={WARNING_FLAGS.has(value) ? 'red' : 'gray'} variant={WARNING_FLAGS.has(value) ? 'filled' : 'light'} radius="sm" size="sm">
    {humanize(value)}
  </Badge>
);

export const isWarningFlag = (f: string) => WARNING_FLAGS.has(f);

/** Arabic text laid out right to left, whatever the surrounding page direction. */
export const Arabic = ({ children, size }: { children: ReactNode; size?: string }) => (
  <Text component="span" dir="rtl" lang="ar" size={size} className="arabic">{children}</Text>
);
