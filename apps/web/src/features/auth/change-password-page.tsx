import { useState, type FormEvent } from 'react';
import { Button, Group, PasswordInput } from '@mantine/core';
import type { Me } from '@custodian/contracts';
import { ApiError } from '../../api/client';
import { useChangePassword, useLogout } from './session';
import { AuthCard } from './auth-card';
import { ErrorAlert } from '../layout/page';

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
    <AuthCard title="Choose a new password" width={420} onSubmit={submit}
      intro={<>Signed in as <b>{me.username}</b> with a one-time password. Choose your own to continue.</>}>
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <ErrorAlert error={change.error} />
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
    </AuthCard>
  );
}
