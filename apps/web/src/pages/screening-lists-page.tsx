import { Badge, Group, Pagination, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { LoadError, Loading, PageHeader, Section } from '../features/layout/page';
import { DIFF_PAGE_SIZE, useScreeningRuns, useWatchlistDiff, useWatchlistVersions } from './screening-api';
import { SOURCE_LABEL } from './screening-badges';

function DiffTable({ versionId }: { versionId: string }) {
  // Keyed by version in the parent, so paging starts again for another version.
  const [change, setChange] = useState('all');
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useWatchlistDiff(versionId, change === 'all' ? undefined : change, page);
  const pages = data ? Math.max(1, Math.ceil(data.total / DIFF_PAGE_SIZE)) : 1;
  return (
    <Section title="Changes against the previous version" testId="watchlist-diff"
      right={<SegmentedControl size="xs" value={change} onChange={(v) => { setChange(v); setPage(1); }} data={['all', 'added', 'removed', 'changed']} />}>
      {isPending ? <Loading /> : error ? <LoadError error={error} /> : (
        <>
          <Text size="sm" c="dimmed">{data.total.toLocaleString('en')} entries</Text>
          <Table striped verticalSpacing={4}>
            <Table.Thead><Table.Tr><Table.Th>Change</Table.Th><Table.Th>Entry</Table.Th><Table.Th>Name</Table.Th><Table.Th style={{ whiteSpace: 'nowrap' }}>Fields changed</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {data.items.map((i) => (
                <Table.Tr key={`${i.change}-${i.entryId}`}>
                  <Table.Td><Badge radius="sm" variant="light" color={i.change === 'added' ? 'green' : i.change === 'removed' ? 'red' : 'blue'}>{i.change}</Badge></Table.Td>
                  <Table.Td ff="monospace" fz="sm">{i.entryId}</Table.Td>
                  <Table.Td fz="sm">{i.caption}</Table.Td>
                  <Table.Td fz="sm">{i.changedFields.join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {pages > 1 && <Group justify="center"><Pagination total={pages} value={page} onChange={setPage} siblings={1} boundaries={1} /></Group>}
        </>
      )}
    </Section>
  );
}

// List versions as loaded, what each changed, and the screening runs they caused.
export function ScreeningListsPage() {
  const versions = useWatchlistVersions();
  const runs = useScreeningRuns();
  const [selected, setSelected] = useState<string | null>(null);
  if (versions.isPending) return <Loading />;
  if (versions.error) return <LoadError error={versions.error} />;
  const shown = selected ?? versions.data.find((v) => v.previousVersionId)?.id ?? versions.data[0]?.id ?? null;
  return (
    <Stack gap="md">
      <PageHeader title="Watchlists" subtitle="Versions of the UN and OFAC lists screening has used; the current one of each list is marked" />
      <Paper withBorder radius="md" p="md">
        {versions.data.length === 0 ? <Text c="dimmed">No list has been loaded yet.</Text> : (
          <Table highlightOnHover verticalSpacing={6} data-testid="watchlist-versions">
            <Table.Thead><Table.Tr><Table.Th>List</Table.Th><Table.Th>Published</Table.Th><Table.Th>Entries</Table.Th><Table.Th>Added</Table.Th><Table.Th>Removed</Table.Th><Table.Th>Changed</Table.Th><Table.Th>Loaded</Table.Th><Table.Th /></Table.Tr></Table.Thead>
            <Table.Tbody>
              {versions.data.map((v) => (
                <Table.Tr key={v.id} onClick={() => setSelected(v.id)} style={{ cursor: 'pointer', background: v.id === shown ? 'var(--mantine-color-blue-0)' : undefined }}>
                  <Table.Td fz="sm" fw={500}>{SOURCE_LABEL[v.source]}</Table.Td>
                  <Table.Td fz="sm" ff="monospace">{v.publishedOn}</Table.Td>
                  <Table.Td fz="sm">{v.entryCount.toLocaleString('en')}</Table.Td>
                  <Table.Td fz="sm">{v.diff.added.toLocaleString('en')}</Table.Td>
                  <Table.Td fz="sm">{v.diff.removed.toLocaleString('en')}</Table.Td>
                  <Table.Td fz="sm">{v.diff.changed.toLocaleString('en')}</Table.Td>
                  <Table.Td fz="sm">{v.loadedAt.slice(0, 16).replace('T', ' ')} by {v.loadedBy}</Table.Td>
                  <Table.Td>{v.current && <Badge radius="sm" color="green" variant="light">current</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {shown && <DiffTable key={shown} versionId={shown} />}
      <Section title="Screening runs" testId="screening-runs">
        {runs.data && runs.data.length > 0 ? (
          <Table verticalSpacing={4}>
            <Table.Thead><Table.Tr><Table.Th>Started by</Table.Th><Table.Th>Status</Table.Th><Table.Th>Progress</Table.Th><Table.Th>Hits opened</Table.Th><Table.Th>Reopened</Table.Th><Table.Th>Withdrawn</Table.Th><Table.Th>Queued</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {runs.data.slice(0, 20).map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fz="sm">{r.trigger === 'list' ? 'list loaded' : r.trigger === 'import' ? 'roster committed' : r.trigger === 'record' ? 'record registered or corrected' : r.trigger}</Table.Td>
                  <Table.Td fz="sm">{r.status}{r.resumedCount ? ` (resumed ${r.resumedCount}×)` : ''}</Table.Td>
                  <Table.Td fz="sm">{r.personsDone.toLocaleString('en')}{r.personsTotal !== null ? ` / ${r.personsTotal.toLocaleString('en')}` : ''}</Table.Td>
                  <Table.Td fz="sm">{r.hitsOpened}</Table.Td><Table.Td fz="sm">{r.hitsReopened}</Table.Td><Table.Td fz="sm">{r.hitsWithdrawn}</Table.Td>
                  <Table.Td fz="sm">{r.createdAt.slice(0, 16).replace('T', ' ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : <Group><Text size="sm" c="dimmed">No screening runs yet.</Text></Group>}
      </Section>
    </Stack>
  );
}
