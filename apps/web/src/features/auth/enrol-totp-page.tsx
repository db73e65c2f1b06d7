import { useEffect, useState, type FormEvent } from 'react';
import { Button, Center, Code, Group, Image, List, Loader, Stack, Text } from '@mantine/core';
import type { Me } from '@custodian/contracts';
import { ApiError } from '../../api/client';
import { useConfirmTotp, useLogout, useStartTotp } from './session';
import { AuthCard, OneTimeCodeInput } from './auth-card';
import { ErrorAlert } from '../layout/page';

/** Every account has a second factor: one without shows this before anything else. */
export function EnrolTotpPage({ me }: { me: Me }) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const logout = useLogout();
  const [code, setCode] = useState('');
  const fields = confirm.error instanceof ApiError ? confirm.error.fieldErrors() : {};
  const { mutate: begin } = start;
  useEffect(() => { begin(); }, [begin]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate({ code: code.replace(/\s/g, '') });
  };
  const secret = start.data?.secret.replace(/(.{4})/g, '$1 ').trim();

  return (
    <AuthCard title="Set up your authenticator app" width={520} onSubmit={submit}
      intro={<>Signed in as <b>{me.username}</b>. Every Custodian account needs a second factor: a six-digit code from an app on your phone.</>}>
      <List size="sm" type="ordered" spacing={4}>
        <List.Item>Open an authenticator app (FreeOTP, Aegis, Google or Microsoft Authenticator).</List.Item>
        <List.Item>Scan the code below, or type the key by hand.</List.Item>
        <List.Item>Enter the six digits the app shows.</List.Item>
      </List>
      <ErrorAlert error={start.error} />
      {start.isPending && <Center py="md"><Loader /></Center>}
      {start.data && (
        <Group align="center" gap="lg" wrap="nowrap">
          <Image src={start.data.qrDataUrl} alt="QR code for your authenticator app" w={180} h={180} data-testid="totp-qr" />
          <Stack gap={4}>
            <Text size="xs" c="dimmed">Key (time-based, 6 digits, 30 s)</Text>
            <Code data-testid="totp-secret" fz="sm" style={{ wordBreak: 'break-all' }}>{secret}</Code>
          </Stack>
        </Group>
      )}
      <ErrorAlert error={confirm.error} />
      <OneTimeCodeInput label="Code from the app" value={code} onChange={setCode} error={fields.code} />
      <Group justify="space-between">
        <Button variant="subtle" color="gray" onClick={() => logout.mutate()}>Sign out</Button>
        <Button type="submit" loading={confirm.isPending} disabled={!start.data}>Confirm and continue</Button>
      </Group>
    </AuthCard>
  );
}
