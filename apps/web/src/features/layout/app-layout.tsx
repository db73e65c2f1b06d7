import { AppShell, Badge, Burger, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { IconBuildingFortress, IconFileCertificate, IconFileImport, IconLayoutDashboard, IconListSearch, IconShieldSearch, IconUserShield, IconUsers } from '@tabler/icons-react';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import type { Me } from '@custodian/contracts';
import { useOperations } from '../../api/queries';
import { can } from '../auth/session';
import { BrandMark } from './brand-mark';
import { UserMenu } from './user-menu';
import { Loading } from './page';

export function AppLayout({ me }: { me: Me }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const operations = useOperations();
  const demo = operations.data?.some((o) => o.demo) ?? false;

  const links = [
    { to: '/', label: 'Operation dashboard', icon: IconLayoutDashboard, show: can(me, 'operations:read'), exact: true },
    { to: '/persons', label: 'Detainees', icon: IconUsers, show: can(me, 'persons:read') },
    { to: '/facilities', label: 'Facilities', icon: IconBuildingFortress, show: can(me, 'facilities:read') },
    { to: '/imports/new', label: 'Import roster', icon: IconFileImport, show: can(me, 'imports:write') },
    { to: '/screening', label: 'Watchlist hits', icon: IconShieldSearch, show: can(me, 'screening:read') },
    { to: '/watchlists', label: 'Watchlists', icon: IconListSearch, show: can(me, 'watchlists:read') },
    { to: '/audit', label: 'Audit log', icon: IconFileCertificate, show: can(me, 'audit:read') },
    { to: '/admin/users', label: 'Users', icon: IconUserShield, show: can(me, 'users:admin') },
  ].filter((l) => l.show);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <BrandMark />
            {demo && (
              <Badge color="orange" variant="filled" radius="sm" title="Synthetic demonstration data: no real persons">
                DEMO
              </Badge>
            )}
          </Group>
          <UserMenu me={me} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          {links.map((l) => (
            <NavLink
              key={l.to}
              component={RouterLink}
              to={l.to}
              label={l.label}
              leftSection={<l.icon size={18} stroke={1.6} />}
              active={l.exact ? pathname === l.to : pathname.startsWith(l.to)}
              onClick={close}
              style={{ borderRadius: 6 }}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
