import { Paper, Text } from '@mantine/core';

export function StatCard({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.5}>{label}</Text>
      <Text fz={28} fw={700} ff="monospace" data-testid={`stat-${label.toLowerCase().replace(/\s+/g, '-')}`}>{value.toLocaleString('en')}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Paper>
  );
}
