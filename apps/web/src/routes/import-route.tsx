import { Alert, Button, Group, Paper, Stack, Stepper, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../features/layout/page';
import { useCommitImport, usePreviewImport, type ImportForm } from '../features/imports/import-api';
import { ImportOptionsForm } from '../features/imports/import-form';
import { ImportPreviewView } from '../features/imports/import-preview';

export function ImportRoute() {
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const [params] = useSearchParams();
  const [form, setForm] = useState<Partial<ImportForm>>(() => (params.get('facilityId') ? { facilityId: params.get('facilityId')! } : {}));
  const [step, setStep] = useState(0);

  const check = (f: ImportForm) => {
    setForm(f);
    commit.reset();
    preview.mutate(f, { onSuccess: () => setStep(1) });
  };
  const restart = () => {
    preview.reset();
    commit.reset();
    setStep(0);
  };
  const p = preview.data;
  const committable = !!p && p.status === 'PREVIEWED' && p.errors.length === 0 && p.rowsValid > p.rowsDuplicate;
  const result = commit.data;

  return (
    <Stack gap="md">
      <PageHeader title="Import a roster" subtitle="Register the persons listed on a holding authority's roster, all or none" />
      <Paper withBorder radius="md" p="lg">
        <Stepper active={result ? 3 : step} size="sm" allowNextStepsSelect={false} onStepClick={(s) => s < step && !result && setStep(s)}>
          <Stepper.Step label="Roster" description="Facility, name, file">
            <ImportOptionsForm key={form.file?.name ?? 'new'} initial={form} pending={preview.isPending} error={preview.error} onSubmit={check} />
          </Stepper.Step>
          <Stepper.Step label="Check" description="Every row validated">
            {p && (
              <Stack gap="md">
                <ImportPreviewView preview={p} />
                {commit.error && <Alert color="red" variant="light" role="alert" title="Not registered">{commit.error.message}</Alert>}
                <Group justify="space-between">
                  <Button variant="default" onClick={restart}>Upload a corrected file</Button>
                  <Button disabled={!committable} loading={commit.isPending}
                    onClick={() => commit.mutate(p.id, { onSuccess: () => setStep(2) })}>
                    {p.errors.length ? 'Register persons' : `Register ${Math.max(0, p.rowsValid - p.rowsDuplicate).toLocaleString('en')} persons`}
                  </Button>
                </Group>
              </Stack>
            )}
          </Stepper.Step>
          <Stepper.Step label="Registered" description="Result" />
          {/* Past the last step, the Stepper shows this: every step then reads as done. */}
          <Stepper.Completed>
            {result && (
              <Stack gap="md" align="flex-start" data-testid="import-result">
                <Alert color="teal" variant="light" icon={<IconCircleCheck />} title="Roster registered">
                  <Text size="sm"><b data-testid="persons-added">{result.personsAdded ?? 0}</b> persons added from {result.fileName}
                    {result.rowsDuplicate > 0 ? `; ${result.rowsDuplicate} already registered were skipped` : ''}.</Text>
                </Alert>
                <Group>
                  <Button component={Link} to={`/persons?facilityId=${form.facilityId ?? ''}`}>See the facility's detainees</Button>
                  <Button variant="default" onClick={() => { setForm({}); restart(); }}>Import another roster</Button>
                </Group>
              </Stack>
            )}
          </Stepper.Completed>
        </Stepper>
      </Paper>
    </Stack>
  );
}
