import { Alert, Anchor, Badge, Breadcrumbs, Grid, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconEye } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { usePerson } from '../api/queries';
import { LoadError, Loading } from '../features/layout/page';
import { Arabic, ClearanceBadge, FlagBadge, humanize, isWarningFlag, RiskBadge, StatusBadge } from '../features/persons/badges';
import { IdentifiersSection, IdentitySection, NamesSection } from '../features/persons/profile-identity';
import { FamilySection, IntakeSection, PhysicalSection, PropertySection } from '../features/persons/profile-custody';

const FLAG_TEXT: Record<string, string> = {
  POSSIBLE_MINOR: 'The recorded date of birth makes this person possibly under 18. Juvenile safeguards apply until age is assessed.',
};

export function PersonRoute() {
  const { id = '' } = useParams();
  const { data: p, error, isPending } = usePerson(id);
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} />;
  const warnings = p.flags.filter(isWarningFlag);
  const notes = p.flags.filter((f) => !isWarningFlag(f));

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/persons" size="sm">Detainees</Anchor>
        <Text size="sm">{p.systemNumber}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} align="flex-start">
          <Title order={1} size="h2">{p.primaryName}</Title>
          {p.arabicName && <Arabic size="xl">{p.arabicName}</Arabic>}
          <Group gap="xs">
            <Text ff="monospace" size="sm" c="dimmed">{p.systemNumber}</Text>
            <RiskBadge value={p.riskClass} />
            <StatusBadge value={p.status} />
            <ClearanceBadge value={p.classification} />
            {p.demo && <Text size="xs" c="orange.8" fw={700}>DEMO RECORD</Text>}
            {!p.allowedActions.includes('update') && (
              <Tooltip label="You may read this record; changes are made by those assigned to work on it.">
                <Badge variant="outline" color="gray" leftSection={<IconEye size={12} />} data-testid="person-read-only">Read only</Badge>
              </Tooltip>
            )}
          </Group>
        </Stack>
        {notes.length > 0 && <Group gap={4}>{notes.map((f) => <FlagBadge key={f} value={f} />)}</Group>}
      </Group>
      {warnings.map((f) => (
        <Alert key={f} color="red" variant="light" icon={<IconAlertTriangle />} title={humanize(f)} data-testid={`flag-${f}`}>
          {FLAG_TEXT[f] ?? 'This record is flagged.'}
        </Alert>
      ))}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <NamesSection p={p} />
            <IdentitySection p={p} />
            <IdentifiersSection p={p} />
            <PhysicalSection p={p} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <IntakeSection p={p} />
            <FamilySection p={p} />
            <PropertySection p={p} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
