import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { IconDots, IconPlus } from '@tabler/icons-react';
import type { User } from '@custodian/contracts';
import { LoadError, Loading, PageHeader, Section } from '../features/layout/page';
import { ClearanceBadge, humanize } from '../features/persons/badges';
import { useDecideGrant, usePendingGrants, useResetMfa, useSetDisabled, useUsers } from '../features/users/user-api';
import { CreateUserModal, EditAccessModal } from '../features/users/user-forms';
import { useMe } from '../features/auth/session';

function Status({ u }: { u: User }) {
  if (u.disabled) return <Badge color="gray" variant="light">Disabled</Badge>;
  if (u.locked) return <Badge color="red" variant="light">Locked</Badge>;
  return <Badge color="green" variant="light">Active</Badge>;
}

function SecondFactor({ u }: { u: User }) {
  const f = u.secondFactors;
  if (!f || (!f.totp && f.passkeys === 0)) return <Badge color="orange" variant="outline">Not enrolled</Badge>;
  return <Badge color="teal" variant="outline">{[f.totp && 'App', f.passkeys > 0 && `${f.passkeys} passkey${f.passkeys > 1 ? 's' : ''}`].filter(Boolean).join(' + ')}</Badge>;
}

export function UsersRoute() {
  const users = useUsers();
  const grants = usePendingGrants();
  const me = useMe().data;
  const decide = useDecideGrant();
  const disable = useSetDisabled();
  const reset = useResetMfa();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  if (users.isPending) return <Loading />;
  if (users.error) return <LoadError error={users.error} />;
  const actionError = decide.error ?? disable.error ?? reset.error;

  return (
    <Stack gap="md">
      <PageHeader title="Users" subtitle={`${users.data.length} account${users.data.length === 1 ? '' : 's'}; every account signs in with a password and a second factor`}
        right={<Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>New user</Button>} />
      {actionError && <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => { decide.reset(); disable.reset(); reset.reset(); }}>{actionError.message}</Alert>}
      {(grants.data?.length ?? 0) > 0 && (
        <Section title="Clearance grants waiting for a second administrator" testId="pending-grants">
          <Table verticalSpacing={6}>
            <Table.Thead><Table.Tr><Table.Th>User</Table.Th><Table.Th>Clearance</Table.Th><Table.Th>Requested by</Table.Th><Table.Th>When</Table.Th><Table.Th /></Table.Tr></Table.Thead>
            <Table.Tbody>
              {grants.data!.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td fw={500}>{g.username}</Table.Td>
                  <Table.Td><ClearanceBadge value={g.clearance} /></Table.Td>
                  <Table.Td>{g.requestedBy}</Table.Td>
                  <Table.Td fz="sm">{new Date(g.requestedAt).toLocaleString('en-GB')}</Table.Td>
                  <Table.Td>
                    {g.requestedBy === me?.username
                      ? <Text size="xs" c="dimmed">another administrator must decide</Text>
                      : <Group gap="xs" justify="flex-end">
                          <Button size="xs" color="green" onClick={() => decide.mutate({ id: g.id, body: { approve: true } })}>Approve</Button>
                          <Button size="xs" variant="default" onClick={() => decide.mutate({ id: g.id, body: { approve: false } })}>Reject</Button>
                        </Group>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      )}
      <Section title="All accounts" testId="user-table">
        <Table striped highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr><Table.Th>User name</Table.Th><Table.Th>Name</Table.Th><Table.Th>Roles</Table.Th><Table.Th>Clearance</Table.Th><Table.Th>Second factor</Table.Th><Table.Th>Status</Table.Th><Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.map((u) => (
              <Table.Tr key={u.id} data-username={u.username}>
                <Table.Td ff="monospace" fz="sm">{u.username}</Table.Td>
                <Table.Td fz="sm">{u.displayName}</Table.Td>
                <Table.Td><Group gap={4}>{u.roles.map((r) => <Badge key={r} size="sm" variant="light" radius="sm">{humanize(r)}</Badge>)}</Group></Table.Td>
                <Table.Td><Group gap={4}><ClearanceBadge value={u.clearance} />{u.pendingClearance && <Badge size="sm" color="yellow" variant="outline">{u.pendingClearance} pending</Badge>}</Group></Table.Td>
                <Table.Td><SecondFactor u={u} /></Table.Td>
                <Table.Td><Status u={u} /></Table.Td>
                <Table.Td>
                  {u.id !== me?.id && (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target><ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${u.username}`}><IconDots size={16} /></ActionIcon></Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing(u)}>Roles and clearance…</Menu.Item>
                        <Menu.Item onClick={() => reset.mutate({ id: u.id })}>Reset second factor</Menu.Item>
                        <Menu.Item color={u.disabled ? undefined : 'red'} onClick={() => disable.mutate({ id: u.id, body: { disabled: !u.disabled } })}>
                          {u.disabled ? 'Enable' : 'Disable'}
                        </Menu.Item>
                        {u.locked && !u.disabled && <Menu.Item onClick={() => disable.mutate({ id: u.id, body: { disabled: false } })}>Unlock</Menu.Item>}
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      {editing && <EditAccessModal key={editing.id} user={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
