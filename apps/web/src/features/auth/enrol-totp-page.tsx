import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Center, Code, Group, Image, List, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Me } from '@custodian/contracts';
import { ApiError } from '../../api/client';
import { useConfirmTotp, useLogout, useStartTotp } from './session';
import { BrandMark } from '../layout/brand-mark';

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
    <Center mih="100vh" bg="gray.1" py="xl">
      <Paper component="form" onSubmit={submit} w={520} p="xl" radius="md" withBorder shadow="sm" aria-label="Set up your authenticator app">
        <Stack gap="md">
          <BrandMark />
          <div>
            <Title order={2} size="h3">Set up your authenticator app</Title>
            <Text size="sm" c="dimmed">Signed in as <b>{me.username}</b>. Every Custodian account needs a second factor: a six-digit code from an app on your phone.</Text>
          </div>
          <List size="sm" type="ordered" spacing={4}>
            <List.Item>Open an authenticator app (FreeOTP, Aegis, Google or Microsoft Authenticator).</List.Item>
            <List.Item>Scan the code below, or type the key by hand.</List.Item>
            <List.Item>Enter the six digits the app shows.</List.Item>
          </List>
          {start.error && <Alert color="red" variant="light" role="alert">{start.error.message}</Alert>}
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
          {confirm.error && <Alert color="red" variant="light" role="alert">{confirm.error.message}</Alert>}
          <TextInput label="Code from the app" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={7}
            placeholder="123456" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fields.code}
            styles={{ input: { fontFamily: 'monospace', fontSize: 20, letterSpacing: 4 } }} />
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={() => logout.mutate()}>Sign out</Button>
            <Button type="submit" loading={confirm.isPending} disabled={!start.data}>Confirm and continue</Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
