import { Alert, Badge, Group, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import type { ImportPreview, RosterField } from '@custodian/contracts';
import { StatCard } from '../dashboard/stat-card';
import { Section } from '../layout/page';

const FIELD_LABEL: Record<RosterField, string> = {
  rosterNumber: 'Roster number', fullNameLatin: 'Full name (Latin)', fullNameArabic: 'Full name (Arabic)', givenName: 'Given name',
  fatherName: "Father's name", grandfatherName: "Grandfather's name", familyName: 'Family or tribal name', kunya: 'Kunya', nisba: 'Nisba',
  aliases: 'Aliases', sex: 'Sex', dateOfBirth: 'Date of birth', placeOfBirth: 'Place of birth', nationality: 'Nationality',
  riskClass: 'Risk class', documentNumber: 'Document number', arrestDate: 'Arrest date', arrestPlace: 'Arrest place',
  orderingAuthority: 'Ordering authority', grounds: 'Grounds for detention', admittedAt: 'Admitted',
};
const labelOf = (f: string) => FIELD_LABEL[f as RosterField] ?? f;

export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
  const bad = preview.errors.length;
  const badRows = new Set(preview.errors.map((e) => e.row)).size;
  // Sample columns in the file's own order.
  const sampleFields = preview.headers.map((h) => preview.mapping[h]).filter((f): f is RosterField => !!f && f in (preview.sample[0] ?? {}));
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label="Rows" value={preview.rowsTotal} hint={preview.fileName} />
        <StatCard label="Valid" value={preview.rowsValid} />
        <StatCard label="Already registered" value={preview.rowsDuplicate} hint="Skipped at commit" />
        <StatCard label="Rows with errors" value={badRows} />
      </SimpleGrid>
      {bad > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} title={`${bad} ${bad === 1 ? 'problem' : 'problems'} in ${badRows} ${badRows === 1 ? 'row' : 'rows'}`} role="alert">
          Nothing can be registered until every row is correct: fix the file and check it again.
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck />} title="Every row is correct">
          {preview.rowsValid - preview.rowsDuplicate > 0 ? 'The roster can be registered.' : 'Every person on this roster is already registered.'}
        </Alert>
      )}
      {bad > 0 && (
        <Section title="Rows to fix" testId="import-errors">
          <ScrollArea.Autosize mah={360}>
            <Table striped verticalSpacing={4} data-testid="import-error-table">
              <Table.Thead><Table.Tr><Table.Th w={80}>Row</Table.Th><Table.Th w={200}>Column</Table.Th><Table.Th>Problem</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {preview.errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td ff="monospace" fz="sm">{e.row}</Table.Td>
                    <Table.Td ff="monospace" fz="sm">{e.column}</Table.Td>
                    <Table.Td fz="sm">{e.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Section>
      )}
      <Section title="Column mapping">
        <Table verticalSpacing={4} data-testid="import-mapping">
          <Table.Thead><Table.Tr><Table.Th>Column in file</Table.Th><Table.Th>Registry field</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {preview.headers.map((h) => (
              <Table.Tr key={h}>
                <Table.Td ff="monospace" fz="sm">{h}</Table.Td>
                <Table.Td>{preview.mapping[h] ? <Badge variant="light" radius="sm" tt="none">{labelOf(preview.mapping[h])}</Badge> : <Text size="sm" c="dimmed">not used</Text>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      {preview.sample.length > 0 && (
        <Section title="First rows as read">
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing={4} fz="xs">
              <Table.Thead><Table.Tr>{sampleFields.map((k) => <Table.Th key={k}>{labelOf(k)}</Table.Th>)}</Table.Tr></Table.Thead>
              <Table.Tbody>
                {preview.sample.map((r, i) => (
                  <Table.Tr key={i}>
                    {sampleFields.map((k) => [k, r[k] ?? ''] as const).map(([k, v]) => (
                      <Table.Td key={k}>{/[\u0600-\u06FF]/.test(v) ? <span dir="rtl" lang="ar" className="arabic">{v}</span> : v}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}
      <Group gap="xs"><Text size="xs" c="dimmed">File SHA-256</Text><Text size="xs" ff="monospace" c="dimmed">{preview.fileSha256}</Text></Group>
    </Stack>
  );
}
