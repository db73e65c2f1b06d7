import { Group, NumberInput, Pagination, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import type { HitStatus } from '@custodian/contracts';
import { LoadError, Loading, PageHeader } from '../features/layout/page';
import { useHits } from './screening-api';
import { HitStatusBadge, ScoreBadge, SOURCE_LABEL } from './screening-badges';

const PAGE_SIZE = 25;
const STATUSES: (HitStatus | 'all')[] = ['open', 'confirmed', 'dismissed', 'withdrawn', 'all'];
const NOWRAP = { whiteSpace: 'nowrap' } as const;

// The analysts' review queue: strongest open hits first; filters live in the URL.
export function ScreeningQueuePage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'open') as HitStatus | 'all';
  const minScore = params.get('minScore') ? Number(params.get('minScore')) : undefined;
  const page = Number(params.get('page')) || 1;
  const { data, error, isPending, isFetching } = useHits({ status: status === 'all' ? undefined : status, minScore, page, pageSize: PAGE_SIZE });
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <PageHeader title="Watchlist hits" subtitle="Detainees whose records score at or above the operating threshold against the UN and OFAC lists" />
      <Paper withBorder radius="md" p="md">
        <Group gap="lg" align="flex-end">
          <div>
            <Text size="sm" fw={500} mb={4}>Status</Text>
            <SegmentedControl data-testid="hit-status-filter" value={status} onChange={(v) => set('status', v === 'open' ? undefined : v)}
              data={STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))} />
          </div>
          <NumberInput label="Minimum score" w={160} min={0} max={1} step={0.05} decimalScale={2} value={minScore ?? ''}
            onChange={(v) => set('minScore', v === '' ? undefined : String(v))} placeholder="0.72" />
        </Group>
      </Paper>
      {isPending ? <Loading /> : error ? <LoadError error={error} /> : (
        <Paper withBorder radius="md" p="md" style={{ opacity: isFetching ? 0.7 : 1 }}>
          <Text size="sm" mb="sm" data-testid="hit-total"><b>{data.total.toLocaleString('en')}</b> {data.total === 1 ? 'hit' : 'hits'}</Text>
          {data.items.length === 0 ? <Text c="dimmed" py="lg" ta="center">No hits match these filters.</Text> : (
            <Table.ScrollContainer minWidth={960}>
              <Table striped highlightOnHover verticalSpacing={6} data-testid="hit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Score</Table.Th><Table.Th>Detainee</Table.Th><Table.Th>System no.</Table.Th><Table.Th>List entry</Table.Th>
                    <Table.Th>List</Table.Th><Table.Th>Status</Table.Th><Table.Th>First seen</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((h) => (
                    <Table.Tr key={h.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/screening/hits/${h.id}`)}>
                      <Table.Td><ScoreBadge value={h.score} /></Table.Td>
                      <Table.Td><Text size="sm" fw={500} c="custodian.8">{h.personName}</Text></Table.Td>
                      <Table.Td ff="monospace" fz="sm" style={NOWRAP}>{h.personSystemNumber}</Table.Td>
                      <Table.Td fz="sm">{h.entryCaption} <Text span c="dimmed" size="xs" ff="monospace">{h.entryId}</Text></Table.Td>
                      <Table.Td fz="sm" style={NOWRAP}>{SOURCE_LABEL[h.source]} {h.listPublishedOn}</Table.Td>
                      <Table.Td style={NOWRAP}><HitStatusBadge value={h.status} />{h.reopenedBecause && <Text span size="xs" c="orange.8"> reopened</Text>}</Table.Td>
                      <Table.Td fz="sm" style={NOWRAP}>{h.firstSeenAt.slice(0, 10)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {pages > 1 && (
            <Group justify="center" mt="md">
              <Pagination total={pages} value={page} onChange={(p) => set('page', p > 1 ? String(p) : undefined)} siblings={1} boundaries={1} />
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
