import { Anchor, Breadcrumbs, Button, Grid, Group, Progress, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconFileImport, IconLock, IconUsers } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { Facility } from '@custodian/contracts';
import { useFacility, useRiskHistory } from '../api/queries';
import { LoadError, Loading, PageHeader, Section } from '../features/layout/page';
import { Arabic, ClearanceBadge, FACILITY_RISK_COLOR, FacilityRiskBadge, humanize } from '../features/persons/badges';
import { Field, FieldGrid, formatDateTime } from '../features/persons/fields';

function Capacity({ f }: { f: Facility }) {
  const rows = [
    { label: 'Certified', value: f.capacityCertified },
    { label: 'Working', value: f.capacityWorking },
    { label: 'Maximum', value: f.capacityMaximum },
  ];
  const scale = Math.max(f.capacityMaximum, f.population, 1);
  return (
    <Stack gap="xs">
      <Group gap="xs" align="baseline">
        <Text fz={32} fw={700} ff="monospace" data-testid="facility-population">{f.population.toLocaleString('en')}</Text>
        <Text c="dimmed">held now</Text>
      </Group>
      <Progress.Root size={22}>
        <Progress.Section value={(100 * f.population) / scale} color={f.population > f.capacityWorking ? 'red' : 'custodian'}>
          <Progress.Label>population</Progress.Label>
        </Progress.Section>
      </Progress.Root>
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Td fz="sm">{r.label} capacity</Table.Td>
              <Table.Td ta="right" ff="monospace" fz="sm">{r.value.toLocaleString('en')}</Table.Td>
              <Table.Td ta="right" fz="sm" c={f.population > r.value ? 'red' : 'dimmed'}>
                {r.value ? `${Math.round((100 * f.population) / r.value)}% used` : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function FacilityRoute() {
  const { id = '' } = useParams();
  const { data: f, error, isPending } = useFacility(id);
  const history = useRiskHistory(id);
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} />;
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/facilities" size="sm">Facilities</Anchor>
        <Text size="sm">{f.code}</Text>
      </Breadcrumbs>
      <PageHeader
        title={<Group gap="sm">{f.name}<FacilityRiskBadge value={f.riskLevel} /></Group>}
        subtitle={f.nameAr ? <Arabic>{f.nameAr}</Arabic> : undefined}
        right={(
          <Group gap="xs">
            {/* Offered only when the shared policy says this user may register persons here. */}
            {f.allowedActions.includes('register-person') && (
              <Button variant="light" component={Link} to={`/import?facilityId=${f.id}`} leftSection={<IconFileImport size={16} />} data-testid="facility-import">Import a roster here</Button>
            )}
            <Button component={Link} to={`/persons?facilityId=${f.id}`} leftSection={<IconUsers size={16} />}>Detainees held here</Button>
          </Group>
        )}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Section title="Details">
              <FieldGrid>
                <Field label="Code">{f.code}</Field>
                <Field label="Kind">{humanize(f.kind)}</Field>
                <Field label="Holding authority">{f.holdingAuthority}</Field>
                <Field label="Country">{f.country}</Field>
                <Field label="Location">
                  {f.latitude == null || f.longitude == null
                    ? <Group gap={4}><IconLock size={14} /><Text size="sm">{f.hiddenFields.includes('latitude') ? `Location restricted (${f.locationClassification})` : 'Not recorded'}</Text></Group>
                    : `${f.latitude.toFixed(4)}, ${f.longitude.toFixed(4)}`}
                </Field>
                <Field label="Classification"><ClearanceBadge value={f.classification} /></Field>
              </FieldGrid>
            </Section>
            <Section title="Capacity and population"><Capacity f={f} /></Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Section title="Risk level history">
            {history.isPending ? <Text size="sm" c="dimmed">Loading…</Text> : history.error ? <Text size="sm" c="red">{history.error.message}</Text> : (
              <Timeline bulletSize={16} lineWidth={2} active={history.data.length}>
                {history.data.map((h, i) => (
                  <Timeline.Item key={i} color={FACILITY_RISK_COLOR[h.level]} title={<FacilityRiskBadge value={h.level} />}>
                    <Text size="sm">{h.note ?? 'No note'}</Text>
                    <Text size="xs" c="dimmed">{formatDateTime(h.recordedAt)}{h.recordedBy ? ` · ${h.recordedBy}` : ''}</Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </Section>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
