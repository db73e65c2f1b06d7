import { BarChart } from '@mantine/charts';
import type { Dashboard } from '@custodian/contracts';

/** Population of each facility beside its working and maximum capacity. */
export function CapacityChart({ facilities }: { facilities: Dashboard['byFacility'] }) {
  const data = facilities.map((f) => ({
    facility: f.name.length > 22 ? `${f.name.slice(0, 21)}…` : f.name,
    Population: f.population,
    'Working capacity': f.capacityWorking,
    'Maximum capacity': f.capacityMaximum,
  }));
  return (
    <BarChart
      h={Math.max(260, facilities.length * 44)}
      data={data}
      dataKey="facility"
      orientation="vertical"
      yAxisProps={{ width: 150 }}
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
  );
}
