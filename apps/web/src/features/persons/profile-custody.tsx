import { Badge, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Person } from '@custodian/contracts';
import { Section } from '../layout/page';
import { humanize, StatusBadge } from './badges';
import { Field, FieldGrid, formatDateTime, None } from './fields';

export function IntakeSection({ p }: { p: Person }) {
  const i = p.intake;
  return (
    <Section title="Intake record">
      <FieldGrid>
        <Field label="Status"><StatusBadge value={p.status} /></Field>
        <Field label="Facility">{p.facilityId ? <Text size="sm" component={Link} to={`/facilities/${p.facilityId}`} c="custodian.8">{p.facilityName}</Text> : null}</Field>
        <Field label="Admitted">{formatDateTime(i.admittedAt)}</Field>
        <Field label="Arrest date">{i.arrestDate}</Field>
        <Field label="Arrest place">{i.arrestPlace}</Field>
        <Field label="Ordering authority">{i.orderingAuthority}</Field>
        <Field label="Responsible authority">{i.responsibleAuthority}</Field>
        <Field label="Grounds for detention">{i.grounds}</Field>
        <Field label="Registered">{formatDateTime(p.createdAt)}</Field>
        {i.visibleInjuries && <Field label="Visible injuries at intake"><Text size="sm" c="red.8">{i.visibleInjuries}</Text></Field>}
        {i.complaintsOfIllTreatment && <Field label="Complaints of ill-treatment"><Text size="sm" c="red.8">{i.complaintsOfIllTreatment}</Text></Field>}
      </FieldGrid>
    </Section>
  );
}

export function PhysicalSection({ p }: { p: Person }) {
  return (
    <Section title="Physical description and distinguishing marks">
      <Text size="sm">{p.physicalDescription ?? <Text span c="dimmed" size="sm">No description recorded.</Text>}</Text>
      {p.marks.length > 0 && (
        <Table verticalSpacing={4}>
          <Table.Thead><Table.Tr><Table.Th>Mark</Table.Th><Table.Th>Body location</Table.Th><Table.Th>Description</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {p.marks.map((m, i) => (
              <Table.Tr key={i}><Table.Td fz="sm">{humanize(m.kind)}</Table.Td><Table.Td fz="sm">{m.bodyLocation}</Table.Td><Table.Td fz="sm">{m.description ?? '—'}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function FamilySection({ p }: { p: Person }) {
  const children = p.family.filter((r) => r.isChild).length;
  return (
    <Section title="Family and next of kin" right={children > 0 && <Badge color="pink" variant="light" radius="sm">{children} {children === 1 ? 'child' : 'children'}</Badge>}>
      {p.family.length === 0 ? <None>No relatives recorded.</None> : (
        <Table verticalSpacing={4}>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Relationship</Table.Th><Table.Th>Location</Table.Th><Table.Th>Contact</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {p.family.map((r, i) => (
              <Table.Tr key={i} bg={r.isChild ? 'pink.0' : undefined}>
                <Table.Td fz="sm">
                  <Group gap={6}>
                    {r.name}
                    {r.isChild && <Badge color="pink" size="xs" radius="sm">Child</Badge>}
                    {r.isNextOfKin && <Badge color="custodian" variant="light" size="xs" radius="sm">Next of kin</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td fz="sm">{humanize(r.relationship)}</Table.Td>
                <Table.Td fz="sm">{r.location ?? '—'}</Table.Td>
                <Table.Td fz="sm">{r.contact ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function PropertySection({ p }: { p: Person }) {
  return (
    <Section title="Property">
      {p.property.length === 0 ? <None>No property recorded.</None> : (
        <Table verticalSpacing={4}>
          <Table.Thead><Table.Tr><Table.Th>Item</Table.Th><Table.Th ta="right">Quantity</Table.Th><Table.Th>Held by</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {p.property.map((it, i) => (
              <Table.Tr key={i}><Table.Td fz="sm">{it.description}</Table.Td><Table.Td ta="right" fz="sm">{it.quantity}</Table.Td><Table.Td fz="sm">{it.heldBy ?? '—'}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

