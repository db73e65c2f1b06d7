import { BarChart } from '@mantine/charts';
import { Stack, Text } from '@mantine/core';
import type { Dashboard } from '@custodian/contracts';

/** Population of each facility beside its working and maximum capacity. */
// Facilities holding no one (receiving sites, staging bases, an emptied camp) would flatten every
// other bar with their capacity; they stay in the overview table.
export function CapacityChart({ facilities }: { facilities: Dashboard['byFacility'] }) {
  const holding = facilities.filter((f) => f.population > 0).sort((a, b) => b.population - a.population);
  const empty = facilities.length - holding.length;
  const data = holding.map((f) => ({
    facility: f.name.length > 30 ? `${f.name.slice(0, 29)}…` : f.name,
    Population: f.population,
    'Working capacity': f.capacityWorking,
    'Maximum capacity': f.capacityMaximum,
  }));
  if (holding.length === 0) return <Text size="sm" c="dimmed">No facility holds anyone.</Text>;
  return (
    <Stack gap={4}>
    <BarChart
      h={Math.max(240, holding.length * 52 + 70)}
      data={data}
      dataKey="facility"
      orientation="vertical"
      yAxisProps={{ width: 190 }}
      valueFormatter={(v) => v.toLocaleString('en')}
      withLegend
      legendProps={{ verticalAlign: 'top', height: 36 }}
      gridAxis="y"
      barProps={{ radius: 2 }}
      series={[
        { name: 'Population', color: 'custodian.6' },
        { name: 'Working capacity', color: 'gray.4' },
        { name: 'Maximum capacity', color: 'gray.6' },
      ]}
      data-testid="capacity-chart"
    />
    {empty > 0 && <Text size="xs" c="dimmed">{empty} {empty === 1 ? 'facility holds' : 'facilities hold'} no one now; see the overview below.</Text>}
    </Stack>
  );
}
