import { Alert, Button, FileInput, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useFacilities } from '../../api/queries';
import type { ImportForm } from './import-api';

type Props = { initial: Partial<ImportForm>; pending: boolean; error: Error | null; onSubmit: (f: ImportForm) => void };

const FORM_FIELDS = ['facilityId', 'sourceList', 'responsibleAuthority', 'fileName'];
const REQUIRED_COLUMNS = 'roster_number, name or name_arabic, sex, date_of_birth, nationality, risk_class, arrest_date, arrest_place, ordering_authority, grounds';

export function ImportOptionsForm({ initial, pending, error, onSubmit }: Props) {
  const facilities = useFacilities();
  const [facilityId, setFacilityId] = useState<string | null>(initial.facilityId ?? null);
  const [sourceList, setSourceList] = useState(initial.sourceList ?? '');
  const [authority, setAuthority] = useState(initial.responsibleAuthority ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = error instanceof ApiError ? error.fieldErrors() : {};
  // Problems about the file or its mapping have no field here: list them under the message.
  const unplaced = (error instanceof ApiError ? error.problem?.errors ?? [] : [])
    .filter((e) => !FORM_FIELDS.includes(e.path.split('.').pop() ?? ''));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!facilityId) errs.facilityId = 'choose the facility the roster lists';
    if (!/^[A-Z0-9_-]{2,40}$/.test(sourceList)) errs.sourceList = '2–40 upper-case letters, digits, _ or -';
    if (!authority.trim()) errs.responsibleAuthority = 'name the authority responsible for these detentions';
    if (!file) errs.file = 'choose a CSV or XLSX file';
    setLocal(errs);
    if (Object.keys(errs).length === 0) onSubmit({ facilityId: facilityId!, sourceList, responsibleAuthority: authority.trim(), file: file! });
  };

  return (
    <form onSubmit={submit} aria-label="Roster upload">
      <Stack gap="md" maw={620}>
        {error && (
          <Alert color="red" variant="light" role="alert" title="The roster was not accepted">
            {error.message}
            {unplaced.length > 0 && <List size="sm" mt={4}>{unplaced.map((e, i) => <List.Item key={i}><b>{e.path}</b>: {e.message}</List.Item>)}</List>}
          </Alert>
        )}
        <Select label="Facility" description="Where the persons on this roster are held" placeholder="Choose a facility" required searchable allowDeselect={false}
          data={(facilities.data ?? []).filter((f) => f.allowedActions.includes('register-person')).map((f) => ({ value: f.id, label: `${f.name} (${f.code})` }))}
          value={facilityId} onChange={setFacilityId} error={local.facilityId ?? server.facilityId} name="facilityId" />
        <TextInput label="Roster name" description="Roster numbers are unique within it, e.g. the list's name as the holding authority uses it" required
          placeholder="e.g. BLOCK-C-2026" name="sourceList" value={sourceList}
          onChange={(e) => setSourceList(e.currentTarget.value.toUpperCase().replace(/\s+/g, '-'))}
          error={local.sourceList ?? server.sourceList} />
        <TextInput label="Responsible authority" description="The authority responsible for these detentions" required name="responsibleAuthority"
          value={authority} onChange={(e) => setAuthority(e.currentTarget.value)} error={local.responsibleAuthority ?? server.responsibleAuthority} />
        <FileInput label="Roster file" description="CSV or Excel (.xlsx), one row per person" required clearable name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} />} placeholder="Choose a file" value={file} onChange={setFile}
          error={local.file ?? server.fileName} />
        <Text size="xs" c="dimmed">Expected columns: {REQUIRED_COLUMNS}. Other headers can be mapped after the check.</Text>
        <Group><Button type="submit" loading={pending}>Check roster</Button></Group>
      </Stack>
    </form>
  );
}
