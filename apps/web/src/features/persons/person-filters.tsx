import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useDashboard, useFacilities, type PersonFilters } from '../../api/queries';
import { FLAGS, humanize, RISK_CLASSES, STATUSES } from './badges';

type Props = { value: PersonFilters; onChange: (next: PersonFilters) => void };

export function PersonFilterBar({ value, onChange }: Props) {
  const facilities = useFacilities();
  const dashboard = useDashboard();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);

  const set = (k: keyof PersonFilters) => (v: string | null) => onChange({ ...value, [k]: v ?? undefined, page: undefined });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...value, q: q.trim() || undefined, page: undefined });
  };
  const nationalities = (dashboard.data?.byNationality ?? []).map((n) => ({ value: n.key, label: `${n.label} (${n.count.toLocaleString('en')})` }));
  const active = ['facilityId', 'nationality', 'status', 'riskClass', 'flag', 'q'].some((k) => value[k as keyof PersonFilters]);

  return (
    <form onSubmit={submit} role="search">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          name="q" label="Search" placeholder="Name in any spelling, Arabic or Latin, or any number"
          leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 320px' }} aria-label="Search detainees"
        />
        <Button type="submit">Search</Button>
        <Select label="Facility" placeholder="All" clearable searchable w={200} value={value.facilityId ?? null} onChange={set('facilityId')}
          data={(facilities.data ?? []).map((f) => ({ value: f.id, label: f.name }))} />
        <Select label="Nationality" placeholder="All" clearable searchable w={150} value={value.nationality ?? null} onChange={set('nationality')} data={nationalities} />
        <Select label="Status" placeholder="All" clearable w={140} value={value.status ?? null} onChange={set('status')}
          data={STATUSES.map((s) => ({ value: s, label: humanize(s) }))} />
        <Select label="Risk class" placeholder="All" clearable w={120} value={value.riskClass ?? null} onChange={set('riskClass')}
          data={RISK_CLASSES.map((s) => ({ value: s, label: humanize(s) }))} />
        <Select label="Flag" placeholder="Any" clearable w={160} value={value.flag ?? null} onChange={set('flag')}
          data={FLAGS.map((s) => ({ value: s, label: humanize(s) }))} />
        {active && <Button variant="subtle" color="gray" onClick={() => onChange({})}>Clear</Button>}
      </Group>
    </form>
  );
}
