import { Progress, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useFacilities } from '../api/queries';
import { LoadError, Loading, PageHeader, Section } from '../features/layout/page';
import { ClearanceBadge, FacilityRiskBadge, humanize } from '../features/persons/badges';

export function FacilitiesRoute() {
  const { data, error, isPending } = useFacilities();
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} />;
  return (
    <Stack gap="md">
      <PageHeader title="Facilities" subtitle={`${data.length} facilities in the operation`} />
      <Section title="All facilities">
        <Table striped highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr><Table.Th>Code</Table.Th><Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Authority</Table.Th><Table.Th>Country</Table.Th><Table.Th>Location</Table.Th><Table.Th ta="right">Population</Table.Th><Table.Th w={160}>Of working capacity</Table.Th><Table.Th>Risk</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((f) => {
              const occ = f.capacityWorking ? (100 * f.population) / f.capacityWorking : 0;
              return (
                <Table.Tr key={f.id}>
                  <Table.Td ff="monospace" fz="sm">{f.code}</Table.Td>
                  <Table.Td><Text component={Link} to={`/facilities/${f.id}`} size="sm" fw={500} c="custodian.8">{f.name}</Text></Table.Td>
                  <Table.Td fz="sm">{humanize(f.kind)}</Table.Td>
                  <Table.Td fz="sm">{f.holdingAuthority}</Table.Td>
                  <Table.Td fz="sm">{f.country}</Table.Td>
                  <Table.Td fz="sm">{f.latitude == null || f.longitude == null ? <Text span size="xs" c="dimmed"><IconLock size={12} /> {f.hiddenFields.includes('latitude') ? 'restricted' : 'not recorded'}</Text> : `${f.latitude.toFixed(2)}, ${f.longitude.toFixed(2)}`}</Table.Td>
                  <Table.Td ta="right" ff="monospace" fz="sm">{f.population.toLocaleString('en')}</Table.Td>
                  <Table.Td><Progress value={Math.min(100, occ)} color={occ > 100 ? 'red' : occ > 90 ? 'orange' : 'custodian'} size="md" /><Text size="xs" c="dimmed">{Math.round(occ)}%</Text></Table.Td>
                  <Table.Td><FacilityRiskBadge value={f.riskLevel} /> {f.classification !== 'UNCLASSIFIED' && <ClearanceBadge value={f.classification} />}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}
