import { useState, type FormEvent } from 'react';
import { Button, PasswordInput, TextInput } from '@mantine/core';
import { ApiError } from '../../api/client';
import { useLogin } from './session';
import { AuthCard } from './auth-card';
import { ErrorAlert } from '../layout/page';

export function LoginPage() {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const fields = login.error instanceof ApiError ? login.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <AuthCard title="Sign in" intro="Use the account issued by your administrator." onSubmit={submit}>
      <ErrorAlert error={login.error} />
      <TextInput label="User name" name="username" autoComplete="username" required autoFocus
        value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fields.username} />
      <PasswordInput label="Password" name="password" autoComplete="current-password" required
        value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fields.password} />
      <Button type="submit" loading={login.isPending} fullWidth>Sign in</Button>
    </AuthCard>
  );
}
