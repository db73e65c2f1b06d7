import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} size="h3">Page not found</Title>
      <Text c="dimmed">This address does not lead anywhere in Custodian, or you do not have access to it.</Text>
      <Button component={Link} to="/" variant="light">Go to the dashboard</Button>
    </Stack>
  );
}
