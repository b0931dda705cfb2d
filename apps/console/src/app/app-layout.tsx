import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOptionalOrg } from '../session/org';
import { HeaderMenus } from './header-menus';
import { NAVIGATION } from './navigation';
import { AnchorLink, NavLinkLink } from '../components/links';

/** The signed-in frame: header (organisation, language, account), navigation for the organisation, the screen. */
export function AppLayout(): ReactNode {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const context = useOptionalOrg();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={context ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <a className="rally-skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {context && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('layout.toggleNavigation')}
              />
            )}
            <AnchorLink to="/" fw={700} fz="lg" underline="never" c="inherit">
              Rally
            </AnchorLink>
          </Group>
          <HeaderMenus />
        </Group>
      </AppShell.Header>
      {context && (
        <AppShell.Navbar p="xs" aria-label={t('layout.navigation')}>
          <AppShell.Section grow style={{ overflowY: 'auto' }}>
            {NAVIGATION.filter((item) => !item.permission || context.can(item.permission)).map((item) => (
              <NavLinkLink
                key={item.key}
                // Every screen of the navigation takes the one parameter $org.
                to={item.to as '/o/$org'}
                params={{ org: context.org }}
                label={t(`nav.${item.key}`)}
                // Home is active on itself only; a section also on its sub-pages (a petition under Petitions). The
                // router marks the link (aria-current="page"); data-active gives Mantine's highlight.
                activeOptions={{ exact: item.path === '', includeSearch: false }}
                activeProps={{ 'data-active': true }}
                onClick={close}
              />
            ))}
          </AppShell.Section>
          <Text size="xs" c="dimmed" mt="auto" p="xs">
            {context.me ? t('layout.signedInAs', { role: t(`shared:role.${context.me.role}`) }) : null}
          </Text>
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
