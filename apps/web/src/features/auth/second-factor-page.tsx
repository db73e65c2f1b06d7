import { useState, type FormEvent } from 'react';
import { Button, Divider, Group, Text } from '@mantine/core';
import type { Me } from '@custodian/contracts';
import { IconKey } from '@tabler/icons-react';
import { ApiError } from '../../api/client';
import { useLogout, useSecurityKeyLogin, useVerifyTotp } from './session';
import { AuthCard, OneTimeCodeInput } from './auth-card';
import { ErrorAlert } from '../layout/page';

/** After the password: the six-digit code from the user's authenticator app, or a security key. */
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
    <AuthCard title="Verification code" onSubmit={submit}
      intro={<>Signed in as <b>{me.username}</b>. Enter the six-digit code your authenticator app shows for Custodian.</>}>
      <ErrorAlert error={verify.error} />
      <OneTimeCodeInput label="Code" value={code} onChange={setCode} error={fields.code} autoFocus />
      <Group justify="space-between">
        <Button variant="subtle" color="gray" onClick={() => logout.mutate()}>Sign out</Button>
        <Button type="submit" loading={verify.isPending}>Verify</Button>
      </Group>
      {hasKey && (
        <>
          <Divider label="or" labelPosition="center" />
          <ErrorAlert error={keyLogin.error} />
          <Button variant="light" leftSection={<IconKey size={16} />} loading={keyLogin.isPending} onClick={() => keyLogin.mutate()}>Use a security key</Button>
        </>
      )}
      <Text size="xs" c="dimmed">Lost your phone? An administrator can reset your second factor.</Text>
    </AuthCard>
  );
}
