import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Me } from '@custodian/contracts';
import { useLogout } from '../auth/session';
import { ClearanceBadge, humanize } from '../persons/badges';

export function UserMenu({ me }: { me: Me }) {
  const logout = useLogout();
  const initials = me.displayName.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="User menu" data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="custodian">{initials}</Avatar>
            <div style={{ lineHeight: 1.1 }}>
              <Text size="sm" fw={600}>{me.displayName}</Text>
              <Text size="xs" c="dimmed">{me.roles.map(humanize).join(', ')}</Text>
            </div>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as {me.username}</Menu.Label>
        <Group px="sm" pb="xs" gap={6}>
          {me.roles.map((r) => <Badge key={r} variant="light" color="gray" radius="sm">{humanize(r)}</Badge>)}
          <ClearanceBadge value={me.clearance} prefix="Clearance" />
        </Group>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" leftSection={<IconShieldLock size={16} />}>Account and security</Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
