import { Group, Pagination, Paper, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { usePersons, type PersonFilters } from '../api/queries';
import { LoadError, Loading, PageHeader } from '../features/layout/page';
import { PersonFilterBar } from '../features/persons/person-filters';
import { PersonTable } from '../features/persons/person-table';

const PAGE_SIZE = 25;
const KEYS = ['q', 'facilityId', 'nationality', 'status', 'riskClass', 'flag'] as const;

// Filters live in the URL so a search can be bookmarked, shared, and restored with Back.
export function PersonsRoute() {
  const [params, setParams] = useSearchParams();
  const filters: PersonFilters = { page: Number(params.get('page')) || 1, pageSize: PAGE_SIZE };
  for (const k of KEYS) filters[k] = params.get(k) ?? undefined;
  const { data, error, isPending, isFetching } = usePersons(filters);

  const update = (next: PersonFilters) => {
    const p = new URLSearchParams();
    for (const k of KEYS) if (next[k]) p.set(k, next[k]);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <PageHeader title="Detainees" subtitle="Every person in the registry you are cleared to see" />
      <Paper withBorder radius="md" p="md"><PersonFilterBar value={filters} onChange={update} /></Paper>
      {isPending ? <Loading /> : error ? <LoadError error={error} /> : (
        <Paper withBorder radius="md" p="md" style={{ opacity: isFetching ? 0.7 : 1 }}>
          <Group justify="space-between" mb="sm">
            <Text size="sm" data-testid="result-total">
              <b>{data.total.toLocaleString('en')}{data.totalIsLowerBound ? '+' : ''}</b> {data.total === 1 ? 'person' : 'persons'}
              {data.totalIsLowerBound ? ' — add a name part, a number or a filter to narrow the search' : ''}
              {filters.q ? <> matching “{filters.q}”</> : null}
            </Text>
            {pages > 1 && <Text size="sm" c="dimmed">Page {data.page} of {pages.toLocaleString('en')}</Text>}
          </Group>
          {data.items.length ? <PersonTable items={data.items} /> : <Text c="dimmed" py="lg" ta="center">No one matches these filters.</Text>}
          {pages > 1 && (
            <Group justify="center" mt="md">
              <Pagination total={pages} value={data.page} onChange={(page) => update({ ...filters, page })} siblings={1} boundaries={1} />
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
