import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Me } from '@custodian/contracts';
import { ApiError } from '../../api/client';
import { useLogout, useSecurityKeyLogin, useVerifyTotp } from './session';
import { IconKey } from '@tabler/icons-react';
import { BrandMark } from '../layout/brand-mark';

/** After the password: the six-digit code from the user's authenticator app. */
export function SecondFactorPage({ me }: { me: Me }) {
  const verify = useVerifyTotp();
  const logout = useLogout();
  const keyLogin = useSecurityKeyLogin();
  const hasKey = me.secondFactors.passkeys > 0;
  const [code, setCode] = useState('');
  const fields = verify.error instanceof ApiError ? verify.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate({ code: code.replace(/\s/g, '') }, { onError: () => setCode('') });
  };

  return (
    <Center mih="100vh" bg="gray.1">
      <Paper component="form" onSubmit={submit} w={380} p="xl" radius="md" withBorder shadow="sm" aria-label="Verification code">
        <Stack gap="md">
          <BrandMark />
          <div>
            <Title order={2} size="h3">Verification code</Title>
            <Text size="sm" c="dimmed">Signed in as <b>{me.username}</b>. Enter the six-digit code your authenticator app shows for Custodian.</Text>
          </div>
          {verify.error && <Alert color="red" variant="light" role="alert">{verify.error.message}</Alert>}
          <TextInput label="Code" name="code" autoComplete="one-time-code" inputMode="numeric" required autoFocus maxLength={7}
            placeholder="123456" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fields.code}
            styles={{ input: { fontFamily: 'monospace', fontSize: 20, letterSpacing: 4 } }} />
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={() => logout.mutate()}>Sign out</Button>
            <Button type="submit" loading={verify.isPending}>Verify</Button>
          </Group>
          {hasKey && (
            <>
              <Divider label="or" labelPosition="center" />
              {keyLogin.error && <Alert color="red" variant="light" role="alert">{keyLogin.error.message}</Alert>}
              <Button variant="light" leftSection={<IconKey size={16} />} loading={keyLogin.isPending} onClick={() => keyLogin.mutate()}>Use a security key</Button>
            </>
          )}
          <Text size="xs" c="dimmed">Lost your phone? An administrator can reset your second factor.</Text>
        </Stack>
      </Paper>
    </Center>
  );
}
