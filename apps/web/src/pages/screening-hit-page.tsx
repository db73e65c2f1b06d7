import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { HitDetail } from '@custodian/contracts';
import { ApiError } from '../api/client';
import { can, useMe } from '../features/auth/session';
import { LoadError, Loading, PageHeader } from '../features/layout/page';
import { useDecideHit, useHit } from './screening-api';
import { HitStatusBadge, ScoreBadge, SOURCE_LABEL } from './screening-badges';

type Feature = HitDetail['features'][number];
type FeatureName = Feature['feature'];

const FEATURE_LABEL: Record<FeatureName, string> = {
  name: 'Name', birthDate: 'Date of birth', nationality: 'Nationality', birthPlace: 'Place of birth', identifier: 'Document number',
};
const isArabic = (s: string) => /[\u0600-\u06FF]/.test(s);

/** Agreement is marked green, contradiction red; a field the scorer did not compare stays plain. */
function tone(f: Feature | undefined): 'agree' | 'contradict' | null {
  if (!f) return null;
  return f.score > 0 ? 'agree' : f.score < 0 ? 'contradict' : null;
}

function Value({ text, strong }: { text: string; strong: 'agree' | 'contradict' | null }) {
  const bg = strong === 'agree' ? 'var(--mantine-color-green-1)' : strong === 'contradict' ? 'var(--mantine-color-red-1)' : undefined;
  return (
    <Text component="span" size="sm" px={strong ? 4 : 0} style={{ background: bg, borderRadius: 3 }} data-matched={strong ?? undefined}
      {...(isArabic(text) ? { dir: 'rtl', lang: 'ar' } : {})}>
      {text}
    </Text>
  );
}

function FieldRow({ label, values, feature, exact }: { label: string; values: string[]; feature?: Feature; exact?: string[] }) {
  // With exact values (names), only the row holding the matched name is marked, never an empty one.
  const t = values.length && (!exact || values.some((v) => exact.includes(v))) ? tone(feature) : null;
  return (
    <Table.Tr style={{ background: t === 'agree' ? 'var(--mantine-color-green-0)' : t === 'contradict' ? 'var(--mantine-color-red-0)' : undefined }}>
      <Table.Td w={150} fz="sm" c="dimmed" style={{ verticalAlign: 'top' }}>{label}</Table.Td>
      <Table.Td>
        {values.length === 0 ? <Text c="dimmed" size="sm">—</Text> : (
          <Stack gap={2}>
            {values.map((v, i) => <Value key={i} text={v} strong={exact ? (exact.includes(v) ? t : null) : t} />)}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function Side({ title, children, testId }: { title: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid={testId}>
      <Title order={2} size="h5" mb="sm">{title}</Title>
      <Table verticalSpacing={6}><Table.Tbody>{children}</Table.Tbody></Table>
    </Paper>
  );
}

function DecisionForm({ hit }: { hit: HitDetail }) {
  const decide = useDecideHit(hit);
  const [decision, setDecision] = useState<'confirm' | 'dismiss' | ''>('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const reasonError = touched && reason.trim().length < 5 ? 'Give the reason for your decision (at least 5 characters)' : undefined;
  const serverErrors = decide.error instanceof ApiError ? decide.error.fieldErrors() : {};
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      setTouched(true);
      if (!decision || reason.trim().length < 5) return;
      decide.mutate({ decision, reason: reason.trim() }, { onSuccess: () => { setReason(''); setDecision(''); setTouched(false); } });
    }}>
      <Stack gap="sm">
        <Radio.Group name="decision" label="Decision" value={decision} onChange={(v) => setDecision(v as 'confirm' | 'dismiss')}
          error={touched && !decision ? 'Choose confirm or dismiss' : undefined}>
          <Group mt={4}>
            <Radio value="confirm" label="Confirm: this detainee is the listed person" />
            <Radio value="dismiss" label="Dismiss: not the listed person" />
          </Group>
        </Radio.Group>
        <Textarea name="reason" label="Reason" description="Kept in the audit log with your name" autosize minRows={2} maxLength={2000}
          value={reason} onChange={(e) => setReason(e.currentTarget.value)} onBlur={() => setTouched(true)} error={reasonError ?? serverErrors.reason} />
        {decide.error && !serverErrors.reason && <Alert color="red" variant="light" role="alert">{decide.error.message}</Alert>}
        <Group><Button type="submit" loading={decide.isPending}>Record decision</Button></Group>
      </Stack>
    </form>
  );
}

export function ScreeningHitPage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const { data: hit, error, isPending } = useHit(id);
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} />;
  const f = (name: FeatureName) => hit.features.find((x) => x.feature === name);
  const name = f('name');
  const e = hit.entry;
  return (
    <Stack gap="md">
      <PageHeader
        title={<Group gap="sm"><span>{hit.personName}</span><Text span c="dimmed">↔</Text><span>{hit.entryCaption}</span></Group>}
        subtitle={<>{SOURCE_LABEL[hit.source]} list of {hit.listPublishedOn} · entry <Text span ff="monospace">{hit.entryId}</Text> · first seen {hit.firstSeenAt.slice(0, 10)}</>}
        right={<Group gap="xs"><ScoreBadge value={hit.score} /><HitStatusBadge value={hit.status} /></Group>}
      />
      {hit.reopenedBecause && <Alert color="orange" variant="light" title="Reopened">This pair was dismissed before; it is back because {hit.reopenedBecause}.</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Side testId="hit-person" title={<Group gap="xs"><span>Detainee</span><Anchor component={Link} to={`/persons/${hit.personId}`} size="sm" ff="monospace">{hit.personSystemNumber}</Anchor></Group>}>
            <FieldRow label="Names" values={hit.person.names} feature={name} exact={name?.query} />
            <FieldRow label="Date of birth" values={hit.person.birthDate} feature={f('birthDate')} />
            <FieldRow label="Nationality" values={hit.person.nationality} feature={f('nationality')} />
            <FieldRow label="Place of birth" values={hit.person.birthPlace} feature={f('birthPlace')} />
            <FieldRow label="Document numbers" values={hit.person.idNumber} feature={f('identifier')} />
          </Side>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Side testId="hit-entry" title={<Group gap="xs"><span>List entry</span>{e.referenceNumber.map((r) => <Badge key={r} variant="outline" radius="sm">{r}</Badge>)}</Group>}>
            <FieldRow label="Name" values={e.name} feature={name} exact={name?.matched} />
            <FieldRow label="Aliases" values={e.alias} feature={name} exact={name?.matched} />
            <FieldRow label="Weak aliases" values={e.weakAlias} feature={name} exact={name?.matched} />
            <FieldRow label="Date of birth" values={e.birthDate} feature={f('birthDate')} />
            <FieldRow label="Nationality" values={e.nationality} feature={f('nationality')} />
            <FieldRow label="Place of birth" values={e.birthPlace} feature={f('birthPlace')} />
            <FieldRow label="Document numbers" values={e.idNumber} feature={f('identifier')} />
            <FieldRow label="Programmes" values={e.program} />
            <FieldRow label="Remarks" values={e.remarks ? [e.remarks] : []} />
          </Side>
        </Grid.Col>
      </Grid>
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h5" mb="sm">Why it scored {hit.score.toFixed(2)}</Title>
        <Table verticalSpacing={6} data-testid="hit-features">
          <Table.Thead><Table.Tr><Table.Th>Feature</Table.Th><Table.Th>Score</Table.Th><Table.Th>Detainee</Table.Th><Table.Th>List</Table.Th><Table.Th>Detail</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {hit.features.map((x) => (
              <Table.Tr key={x.feature}>
                <Table.Td fz="sm" fw={500}>{FEATURE_LABEL[x.feature]}</Table.Td>
                <Table.Td fz="sm" ff="monospace" c={x.score > 0 ? 'green.8' : x.score < 0 ? 'red.8' : undefined}>{x.score.toFixed(2)}</Table.Td>
                <Table.Td fz="sm">{x.query.join(', ')}</Table.Td>
                <Table.Td fz="sm">{x.matched.join(', ')}</Table.Td>
                <Table.Td fz="xs" c="dimmed">{x.detail ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder radius="md" p="md" data-testid="hit-decision">
        <Title order={2} size="h5" mb="sm">Review</Title>
        {hit.decision && (
          <Alert color={hit.status === 'confirmed' ? 'red' : 'gray'} variant="light" mb="sm" title={`${hit.status === 'confirmed' ? 'Confirmed' : hit.status === 'dismissed' ? 'Dismissed' : 'Decided'} by ${hit.decision.by} on ${hit.decision.at.slice(0, 16).replace('T', ' ')} UTC`}>
            <Text size="sm" data-testid="decision-reason">{hit.decision.reason}</Text>
          </Alert>
        )}
        {hit.status === 'withdrawn' ? <Text size="sm" c="dimmed">Withdrawn: the pair no longer scores at the threshold against the current lists.</Text>
          : me && can(me, 'screening:review') ? <DecisionForm hit={hit} /> : <Text size="sm" c="dimmed">Your role may read hits but not decide them.</Text>}
      </Paper>
    </Stack>
  );
}
