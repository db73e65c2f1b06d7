import { Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';

type Count = { key: string; label: string; count: number };

/** A ranked list of counts with proportional bars; each row opens the list filtered by its key. */
export function CountList({ items, total, filter, limit = 8, color = 'custodian' }: {
  items: Count[]; total: number; filter: string; limit?: number; color?: string;
}) {
  const shown = items.slice(0, limit);
  const rest = items.slice(limit).reduce((n, c) => n + c.count, 0);
  return (
    <Stack gap={8}>
      {shown.map((c) => (
        <UnstyledButton key={c.key} component={Link} to={`/persons?${filter}=${encodeURIComponent(c.key)}`}>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="sm">{c.label}</Text>
            <Text size="sm" fw={600} ff="monospace">{c.count.toLocaleString('en')}</Text>
          </Group>
          <Progress value={total ? (100 * c.count) / total : 0} size="sm" color={color} />
        </UnstyledButton>
      ))}
      {rest > 0 && <Text size="xs" c="dimmed">Others: {rest.toLocaleString('en')} in {items.length - limit} more</Text>}
      {items.length === 0 && <Text size="sm" c="dimmed">None</Text>}
    </Stack>
  );
}
