import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import type { Me } from '@custodian/contracts';
import { ApiError } from '../../api/client';
import { useChangePassword, useLogout } from './session';
import { BrandMark } from '../layout/brand-mark';

const MIN_LENGTH = 12;

/** Shown instead of the app while the account still has its one-time password. */
export function ChangePasswordPage({ me }: { me: Me }) {
  const change = useChangePassword();
  const logout = useLogout();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = change.error instanceof ApiError ? change.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (next.length < MIN_LENGTH) errs.newPassword = `at least ${MIN_LENGTH} characters`;
    if (confirm !== next) errs.confirm = 'does not match the new password';
    setLocal(errs);
    if (Object.keys(errs).length === 0) change.mutate({ currentPassword: current, newPassword: next });
  };

  return (
    <Center mih="100vh" bg="gray.1">
      <Paper component="form" onSubmit={submit} w={420} p="xl" radius="md" withBorder shadow="sm" aria-label="Choose a new password">
        <Stack gap="md">
          <BrandMark />
          <div>
            <Title order={2} size="h3">Choose a new password</Title>
            <Text size="sm" c="dimmed">
              Signed in as <b>{me.username}</b> with a one-time password. Choose your own to continue.
            </Text>
          </div>
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          {change.error && <Alert color="red" variant="light" role="alert">{change.error.message}</Alert>}
          <PasswordInput label="One-time password" name="currentPassword" autoComplete="current-password" required autoFocus
            value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={server.currentPassword} />
          <PasswordInput label="New password" name="newPassword" autoComplete="new-password" required
            description={`At least ${MIN_LENGTH} characters; a passphrase of several words works well.`}
            value={next} onChange={(e) => setNext(e.currentTarget.value)} error={local.newPassword ?? server.newPassword} />
          <PasswordInput label="Repeat new password" name="confirmPassword" autoComplete="new-password" required
            value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={local.confirm} />
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={() => logout.mutate()}>Sign out</Button>
            <Button type="submit" loading={change.isPending}>Save password</Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
