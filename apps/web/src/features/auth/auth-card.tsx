import type { FormEvent, ReactNode } from 'react';
import { Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { BrandMark } from '../layout/brand-mark';

/**
 * The card every step of signing in is shown on (password, second factor, first password change,
 * authenticator set-up): the brand, a title that also names the form, a line of help, then the fields.
 */
export function AuthCard({ title, intro, width = 380, onSubmit, children }: {
  title: string; intro: ReactNode; width?: number; onSubmit: (e: FormEvent) => void; children: ReactNode;
}) {
  return (
    <Center mih="100vh" bg="gray.1" py="xl">
      <Paper component="form" onSubmit={onSubmit} w={width} p="xl" radius="md" withBorder shadow="sm" aria-label={title}>
        <Stack gap="md">
          <BrandMark />
          <div>
            <Title order={2} size="h3">{title}</Title>
            <Text size="sm" c="dimmed">{intro}</Text>
          </div>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

/** A six-digit code from an authenticator app (spaces allowed: they are removed before sending). */
export function OneTimeCodeInput({ label, value, onChange, error, autoFocus }: {
  label: string; value: string; onChange: (v: string) => void; error?: string; autoFocus?: boolean;
}) {
  return (
    <TextInput label={label} name="code" autoComplete="one-time-code" inputMode="numeric" required autoFocus={autoFocus} maxLength={7}
      placeholder="123456" value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error}
      styles={{ input: { fontFamily: 'monospace', fontSize: 20, letterSpacing: 4 } }} />
  );
}
