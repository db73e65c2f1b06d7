import { Alert, Grid, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useDashboard } from '../api/queries';
import { CapacityChart } from '../features/dashboard/capacity-chart';
import { CountList } from '../features/dashboard/count-list';
import { FacilityMap, type MapFacility } from '../features/dashboard/facility-map';
import { StatCard } from '../features/dashboard/stat-card';
import { LoadError, Loading, PageHeader, Section } from '../features/layout/page';
import { FacilityRiskBadge, humanize } from '../features/persons/badges';
import type { FacilityRiskLevel } from '@custodian/contracts';

export function DashboardRoute() {
  const { data, error, isPending } = useDashboard();
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} />;
  const { operation, totals } = data;
  const located = data.byFacility.filter((f): f is typeof f & MapFacility => f.latitude !== null && f.longitude !== null);
  const restricted = data.byFacility.filter((f) => f.latitude === null || f.longitude === null);
  const facilityCounts = data.byFacility.map((f) => ({ key: f.id, label: f.name, count: f.population })).sort((a, b) => b.count - a.count);

  return (
    <Stack gap="md">
      <PageHeader
        title={operation ? operation.name : 'No operation'}
        subtitle={operation ? `Operation ${operation.code} · target ${operation.targetPersons.toLocaleString('en')} persons` : 'No operation has been created yet.'}
      />
      {operation?.demo && (
        <Alert color="orange" variant="light" py="xs">
          This is a demonstration operation. Every person, facility and figure is synthetic.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label="Persons registered" value={totals.persons} />
        <StatCard label="In custody" value={totals.held} hint="Held or in transit" />
        <StatCard label="Facilities" value={totals.facilities} />
        <StatCard label="Records flagged" value={totals.flagged} hint="Possible minors, missing data" />
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section title="Population against capacity" testId="capacity-section">
            <CapacityChart facilities={data.byFacility} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Section title="Facilities" testId="map-section">
            <FacilityMap facilities={located} />
            {restricted.length > 0 && (
              <Stack gap={4}>
                {restricted.map((f) => (
                  <Group key={f.id} gap={6}>
                    <IconLock size={14} />
                    <Text size="sm" component={Link} to={`/facilities/${f.id}`} c="inherit">{f.name}</Text>
                    <Text size="xs" c="dimmed">location restricted</Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Section>
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Section title="By facility"><CountList items={facilityCounts} total={totals.persons} filter="facilityId" /></Section>
        <Section title="By status"><CountList items={data.byStatus} total={totals.persons} filter="status" color="blue" /></Section>
        <Section title="By risk class"><CountList items={data.byRiskClass} total={totals.persons} filter="riskClass" color="red" /></Section>
        <Section title="By nationality"><CountList items={data.byNationality} total={totals.persons} filter="nationality" color="teal" /></Section>
      </SimpleGrid>
      <Section title="Facility overview">
        <Table striped highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr><Table.Th>Facility</Table.Th><Table.Th>Kind</Table.Th><Table.Th ta="right">Population</Table.Th><Table.Th ta="right">Working</Table.Th><Table.Th ta="right">Maximum</Table.Th><Table.Th>Occupancy</Table.Th><Table.Th>Risk</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byFacility.map((f) => {
              const occ = f.capacityWorking ? Math.round((100 * f.population) / f.capacityWorking) : 0;
              return (
                <Table.Tr key={f.id}>
                  <Table.Td><Text component={Link} to={`/facilities/${f.id}`} size="sm" c="custodian.8" fw={500}>{f.name}</Text></Table.Td>
                  <Table.Td>{humanize(f.kind)}</Table.Td>
                  <Table.Td ta="right" ff="monospace">{f.population.toLocaleString('en')}</Table.Td>
                  <Table.Td ta="right" ff="monospace">{f.capacityWorking.toLocaleString('en')}</Table.Td>
                  <Table.Td ta="right" ff="monospace">{f.capacityMaximum.toLocaleString('en')}</Table.Td>
                  <Table.Td><Text size="sm" c={f.population > f.capacityMaximum ? 'red' : f.population > f.capacityWorking ? 'orange' : undefined} fw={occ > 100 ? 600 : undefined}>{occ}%</Text></Table.Td>
                  <Table.Td><FacilityRiskBadge value={f.riskLevel as FacilityRiskLevel} /></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}
