import { Badge, Button, Code, Group, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconDownload, IconFileCertificate } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_OUTCOMES, type AuditEntry, type AuditPage } from '@custodian/contracts';
import { api, queryString } from '../api/client';
import { LoadError, Loading, PageHeader, Section } from '../features/layout/page';

const FILTERS = ['objectId', 'actor', 'action', 'outcome', 'from', 'to', 'routine'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

// Every API call leaves a row (R4); most are page loads and session checks with no domain event of
// their own. The view leaves the successful ones out unless asked (`routine=show` in the address);
// denials, failures and every domain event always show.
const withRoutine = (f: Filters): Filters => ({ ...f, routine: f.routine === 'show' ? undefined : 'hide' });

const OUTCOME_COLOR: Record<string, string> = { success: 'green', denied: 'red', failed: 'orange', error: 'grape' };

// datetime-local has no zone: the user means their local time; the API wants an instant.
const toInstant = (v: string | undefined) => (v ? new Date(v).toISOString() : undefined);

function useAudit(filters: Filters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<AuditPage>(`/api/audit${queryString({ ...filters, from: toInstant(filters.from), to: toInstant(filters.to), before: pageParam, limit: 100 })}`, { signal }),
    getNextPageParam: (last) => last.nextBefore,
  });
}

function describeObject(e: AuditEntry): string {
  if (e.objectType === 'route') return e.objectId ?? '';
  return e.objectId ? `${e.objectType} ${e.objectId}` : e.objectType;
}

export function AuditRoute() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const [draft, setDraft] = useState<Filters>(filters);
  const q = useAudit(withRoutine(filters));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) as Record<string, string>);
  };
  const exportQuery = queryString({ ...withRoutine(filters), from: toInstant(filters.from), to: toInstant(filters.to) });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const field = (k: keyof Filters) => ({ value: draft[k] ?? '', onChange: (ev: { currentTarget: { value: string } }) => setDraft({ ...draft, [k]: ev.currentTarget.value }) });

  return (
    <Stack gap="md">
      <PageHeader
        title="Audit log"
        subtitle="Every read and change, who made it and with what outcome. Looking at this log is recorded in it too."
        right={(
          <Group gap="xs">
            <Button component="a" href={`/api/audit/export.csv${exportQuery}`} variant="default" leftSection={<IconDownload size={16} />} data-testid="export-csv">CSV</Button>
            <Button component="a" href={`/api/audit/export.json${exportQuery}`} variant="default" leftSection={<IconFileCertificate size={16} />} data-testid="export-json">Signed JSON</Button>
          </Group>
        )}
      />
      <Section title="Filter">
        <form onSubmit={apply} data-testid="audit-filters">
          <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
            <TextInput label="Record (person id)" placeholder="id" {...field('objectId')} />
            <TextInput label="Actor" placeholder="user name" {...field('actor')} />
            <TextInput label="Action" placeholder="person.read or person." {...field('action')} />
            <Select label="Outcome" placeholder="any" clearable data={[...AUDIT_OUTCOMES]} value={draft.outcome ?? null} onChange={(v) => setDraft({ ...draft, outcome: v ?? undefined })} />
            <TextInput label="From" type="datetime-local" {...field('from')} />
            <TextInput label="To" type="datetime-local" {...field('to')} />
          </SimpleGrid>
          <Switch
            mt="sm"
            label="Show routine requests (successful page loads and session checks)"
            checked={draft.routine === 'show'}
            onChange={(ev) => setDraft({ ...draft, routine: ev.currentTarget.checked ? 'show' : undefined })}
            data-testid="audit-routine"
          />
          <Group mt="sm" gap="xs">
            <Button type="submit">Apply</Button>
            <Button variant="subtle" onClick={() => { setDraft({}); setParams({}); }}>Clear</Button>
          </Group>
        </form>
      </Section>
      <Section title="Entries" right={<Text size="xs" c="dimmed">newest first</Text>}>
        {q.isPending ? <Loading /> : q.error ? <LoadError error={q.error} /> : (
          <Stack gap="sm">
            <Table striped highlightOnHover verticalSpacing={4} data-testid="audit-table">
              <Table.Thead>
                <Table.Tr><Table.Th>#</Table.Th><Table.Th>Time (UTC)</Table.Th><Table.Th>Actor</Table.Th><Table.Th>Action</Table.Th><Table.Th>Object</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Details</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td ff="monospace" fz="xs">{e.seq}</Table.Td>
                    <Table.Td ff="monospace" fz="xs" style={{ whiteSpace: 'nowrap' }}>{e.at.replace('T', ' ').slice(0, 19)}</Table.Td>
                    <Table.Td fz="sm">{e.actor}</Table.Td>
                    <Table.Td fz="sm" ff="monospace">{e.action}</Table.Td>
                    <Table.Td fz="xs" ff="monospace" maw={280} style={{ overflowWrap: 'anywhere' }}>{describeObject(e)}</Table.Td>
                    <Table.Td><Badge size="sm" variant="light" color={OUTCOME_COLOR[e.outcome] ?? 'gray'}>{e.outcome}</Badge></Table.Td>
                    <Table.Td maw={360}>{Object.keys(e.details).length > 0 && <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>{JSON.stringify(e.details)}</Code>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {rows.length === 0 && <Text c="dimmed" size="sm">No entries match.</Text>}
            {q.hasNextPage && <Button variant="default" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} w="fit-content">Older entries</Button>}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}
