import { Badge, Group, Table, Text } from '@mantine/core';
import type { Person } from '@custodian/contracts';
import { Section } from '../layout/page';
import { Arabic, humanize } from './badges';
import { Field, FieldGrid, None } from './fields';

const SEX: Record<string, string> = { M: 'Male', F: 'Female', X: 'Not recorded' };

function dobDetail(d: Person['dateOfBirthDetail']): string {
  switch (d.kind) {
    case 'EXACT': return `${d.date} (exact)`;
    case 'YEAR': return `${d.year} (year only)`;
    case 'APPROXIMATE': return `about ${d.year} (approximate)`;
    case 'RANGE': return `between ${d.fromYear} and ${d.toYear}`;
    default: return 'Unknown';
  }
}

export function IdentitySection({ p }: { p: Person }) {
  return (
    <Section title="Identity">
      <FieldGrid cols={4}>
        <Field label="Sex">{SEX[p.sex] ?? p.sex}</Field>
        <Field label="Date of birth">{dobDetail(p.dateOfBirthDetail)}</Field>
        <Field label="Place of birth">{p.placeOfBirth}</Field>
        <Field label="Languages">{p.languages.join(', ')}</Field>
        <Field label="Nationalities">
          {p.nationalityDetail.length ? (
            <Group gap={6}>
              {p.nationalityDetail.map((n) => (
                <Badge key={`${n.country}-${n.status}`} variant={n.status === 'VERIFIED' ? 'filled' : 'outline'} color="teal" radius="sm">
                  {n.country} · {humanize(n.status)}
                </Badge>
              ))}
            </Group>
          ) : null}
        </Field>
      </FieldGrid>
    </Section>
  );
}

export function NamesSection({ p }: { p: Person }) {
  return (
    <Section title="Names and spellings">
      <Table verticalSpacing={6} data-testid="names-table">
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Script</Table.Th><Table.Th>Parts</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {p.names.map((n, i) => (
            <Table.Tr key={i}>
              <Table.Td>{n.script === 'Arab' ? <Arabic size="lg">{n.full}</Arabic> : <Text size="sm" fw={n.kind === 'PRIMARY' ? 600 : 400}>{n.full}</Text>}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant={n.kind === 'PRIMARY' ? 'filled' : 'light'} color="custodian" radius="sm" size="sm">{humanize(n.kind)}</Badge>
                  {n.quality === 'LOW' && <Badge variant="light" color="gray" radius="sm" size="sm">Low quality</Badge>}
                </Group>
              </Table.Td>
              <Table.Td fz="sm">{n.script === 'Arab' ? 'Arabic' : 'Latin'}</Table.Td>
              <Table.Td fz="sm">
                {n.parts ? Object.entries(n.parts).map(([k, v]) => (
                  <Text key={k} span size="xs" mr={8}><Text span c="dimmed" size="xs">{k}: </Text>{n.script === 'Arab' ? <Arabic size="sm">{v}</Arabic> : v}</Text>
                )) : <Text span c="dimmed" size="xs">—</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

export function IdentifiersSection({ p }: { p: Person }) {
  return (
    <Section title="Identifiers and documents">
      {p.identifiers.length === 0 && p.documents.length === 0 ? <None>No identifiers or documents recorded.</None> : (
        <Table verticalSpacing={4}>
          <Table.Thead><Table.Tr><Table.Th>Type</Table.Th><Table.Th>Number</Table.Th><Table.Th>Issued by</Table.Th><Table.Th>Expires</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {p.identifiers.map((id) => (
              <Table.Tr key={`i-${id.scheme}-${id.value}`}>
                <Table.Td fz="sm">{id.scheme}</Table.Td><Table.Td ff="monospace" fz="sm">{id.value}</Table.Td><Table.Td /><Table.Td />
              </Table.Tr>
            ))}
            {p.documents.map((d) => (
              <Table.Tr key={`d-${d.type}-${d.number}`}>
                <Table.Td fz="sm">{humanize(d.type)}</Table.Td><Table.Td ff="monospace" fz="sm">{d.number}</Table.Td>
                <Table.Td fz="sm">{d.issuingCountry ?? '—'}</Table.Td><Table.Td fz="sm">{d.expires ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
