import { Group, Table, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { PersonSummary } from '@custodian/contracts';
import { Arabic, FlagBadge, RiskBadge, StatusBadge } from './badges';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

export function PersonTable({ items }: { items: PersonSummary[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing={6} data-testid="person-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>System no.</Table.Th><Table.Th>Name</Table.Th><Table.Th>Arabic name</Table.Th><Table.Th>Sex</Table.Th>
            <Table.Th>Date of birth</Table.Th><Table.Th>Nationality</Table.Th><Table.Th>Risk</Table.Th><Table.Th>Status</Table.Th>
            <Table.Th>Facility</Table.Th><Table.Th>Flags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/persons/${p.id}`)}>
              <Table.Td ff="monospace" fz="sm" style={NOWRAP}>{p.systemNumber}</Table.Td>
              <Table.Td><Text size="sm" fw={500} c="custodian.8">{p.primaryName}</Text></Table.Td>
              <Table.Td ta="right">{p.arabicName ? <Arabic size="md">{p.arabicName}</Arabic> : <Text c="dimmed" size="sm">—</Text>}</Table.Td>
              <Table.Td fz="sm">{p.sex}</Table.Td>
              <Table.Td fz="sm" ff="monospace" style={NOWRAP}>{p.dateOfBirth}</Table.Td>
              <Table.Td fz="sm">{p.nationalities.join(', ') || '—'}</Table.Td>
              <Table.Td style={NOWRAP}><RiskBadge value={p.riskClass} /></Table.Td>
              <Table.Td style={NOWRAP}><StatusBadge value={p.status} /></Table.Td>
              <Table.Td fz="sm">{p.facilityName ?? '—'}</Table.Td>
              <Table.Td><Group gap={4}>{p.flags.map((f) => <FlagBadge key={f} value={f} />)}</Group></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
