import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '../../api/client';
import { useLogin } from './session';
import { BrandMark } from '../layout/brand-mark';

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
    <Center mih="100vh" bg="gray.1">
      <Paper component="form" onSubmit={submit} w={380} p="xl" radius="md" withBorder shadow="sm" aria-label="Sign in">
        <Stack gap="md">
          <BrandMark />
          <div>
            <Title order={2} size="h3">Sign in</Title>
            <Text size="sm" c="dimmed">Use the account issued by your administrator.</Text>
          </div>
          {login.error && <Alert color="red" variant="light" role="alert">{login.error.message}</Alert>}
          <TextInput label="User name" name="username" autoComplete="username" required autoFocus
            value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fields.username} />
          <PasswordInput label="Password" name="password" autoComplete="current-password" required
            value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fields.password} />
          <Button type="submit" loading={login.isPending} fullWidth>Sign in</Button>
        </Stack>
      </Paper>
    </Center>
  );
}
