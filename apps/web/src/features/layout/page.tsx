import type { ReactNode } from 'react';
import { Alert, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';

export function PageHeader({ title, subtitle, right }: { title: ReactNode; subtitle?: ReactNode; right?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md">
      <div>
        <Title order={1} size="h2">{title}</Title>
        {subtitle && <Text c="dimmed" size="sm">{subtitle}</Text>}
      </div>
      {right}
    </Group>
  );
}

export function Section({ title, children, right, testId }: { title: ReactNode; children: ReactNode; right?: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">{title}</Title>
          {right}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

export const Loading = () => <Center py="xl"><Loader /></Center>;

export const LoadError = ({ error }: { error: Error }) => (
  <Alert color="red" variant="light" title="Could not load" role="alert">{error.message}</Alert>
);

/** A failed request's message, announced to screen readers; nothing when there is none. */
export const ErrorAlert = ({ error }: { error: Error | null }) =>
  error ? <Alert color="red" variant="light" role="alert">{error.message}</Alert> : null;
