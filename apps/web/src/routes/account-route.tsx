import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import type { Me } from '@custodian/contracts';
import { ErrorAlert, PageHeader, Section } from '../features/layout/page';
import { useAddSecurityKey, useMe, useRemoveSecurityKey, useSecurityKeys } from '../features/auth/session';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** The signed-in user's own account: second factors, and security keys to add or remove. */
export function AccountRoute() {
  const me = useMe().data as Me;
  return (
    <Stack gap="md" maw={820}>
      <PageHeader title="Account and security" subtitle={`Signed in as ${me.username}`} />
      <Section title="Authenticator app">
        <Group gap="xs">
          {me.secondFactors.totp ? <Badge color="green" variant="light">Enrolled</Badge> : <Badge color="gray" variant="light">Not enrolled</Badge>}
          <Text size="sm" c="dimmed">Six-digit codes at sign-in. An administrator can reset it if you lose the device.</Text>
        </Group>
      </Section>
      <SecurityKeys />
    </Stack>
  );
}

function SecurityKeys() {
  const keys = useSecurityKeys();
  const add = useAddSecurityKey();
  const remove = useRemoveSecurityKey();
  const [name, setName] = useState('');
  const supported = browserSupportsWebAuthn();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(name.trim(), { onSuccess: () => setName('') });
  };

  return (
    <Section title="Security keys" testId="security-keys">
      <Text size="sm" c="dimmed">A security key or passkey can be used at sign-in instead of the code from your authenticator app.</Text>
      <ErrorAlert error={keys.error} />
      {keys.data && keys.data.items.length === 0 && <Text size="sm">No security keys yet.</Text>}
      {keys.data && keys.data.items.length > 0 && (
        <Table verticalSpacing="xs" aria-label="Security keys">
          <Table.Thead>
            <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Added</Table.Th><Table.Th>Last used</Table.Th><Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data.items.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td><Group gap={6}><IconKey size={16} /><Text size="sm" fw={500}>{k.name}</Text></Group></Table.Td>
                <Table.Td><Text size="sm">{when(k.createdAt)}</Text></Table.Td>
                <Table.Td><Text size="sm">{when(k.lastUsedAt)}</Text></Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} aria-label={`Remove ${k.name}`}
                    loading={remove.isPending && remove.variables === k.id} onClick={() => remove.mutate(k.id)}>Remove</Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={remove.error} />
      {!supported && <Alert color="yellow" variant="light">This browser cannot use security keys.</Alert>}
      <form onSubmit={submit} aria-label="Add a security key">
        <Group align="flex-end" gap="sm">
          <TextInput label="Name of the new key" placeholder="e.g. Blue YubiKey" required maxLength={100} value={name}
            onChange={(e) => setName(e.currentTarget.value)} w={280} disabled={!supported} />
          <Button type="submit" leftSection={<IconKey size={16} />} loading={add.isPending} disabled={!supported}>Add a security key</Button>
        </Group>
      </form>
      <ErrorAlert error={add.error} />
      {add.isSuccess && <Alert color="green" variant="light" role="status">Security key “{add.data.name}” added.</Alert>}
    </Section>
  );
}
