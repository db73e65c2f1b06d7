import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label above value, for read-only record fields. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.4}>{label}</Text>
      {empty ? <Text size="sm" c="dimmed">Not recorded</Text> : typeof children === 'string' || typeof children === 'number'
        ? <Text size="sm">{children}</Text> : children}
    </Stack>
  );
}

export const FieldGrid = ({ children, cols = 3 }: { children: ReactNode; cols?: number }) => (
  <SimpleGrid cols={{ base: 1, sm: 2, md: cols }} spacing="md" verticalSpacing="sm">{children}</SimpleGrid>
);

export const None = ({ children }: { children: ReactNode }) => <Text size="sm" c="dimmed">{children}</Text>;

export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
