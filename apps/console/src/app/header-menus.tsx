import { Button, Group, Menu, Text } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../components/feedback';
import { LanguageMenu } from '../components/language-menu';
import { signOut, useSession } from '../session/session';

/** The header's menus: which organisation (when the member belongs to several), language, and the account. */
export function HeaderMenus(): ReactNode {
  const { t } = useTranslation();
  const { session, signedOut } = useSession();
  const navigate = useNavigate();
  const { org } = useParams({ strict: false }) as { org?: string };
  if (!session) return null;
  const current = session.organisations.find((o) => o.slug === org);

  const leave = async (): Promise<void> => {
    try {
      await signOut();
      signedOut();
      await navigate({ to: '/sign-in' });
    } catch (error) {
      notifyError(error, t('auth.signOutFailed'));
    }
  };

  return (
    <Group gap="xs" wrap="nowrap">
      {session.organisations.length > 1 ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="subtle" aria-label={t('layout.switchOrganisation')}>
              {current?.name ?? t('layout.chooseOrganisation')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('layout.organisations')}</Menu.Label>
            {session.organisations.map((o) => (
              <Menu.Item
                key={o.slug}
                onClick={() => void navigate({ to: '/o/$org', params: { org: o.slug } })}
                aria-current={o.slug === org ? 'true' : undefined}
              >
                {o.name}
                <Text span size="xs" c="dimmed" ml="xs">
                  {t(`shared:role.${o.role}`)}
                </Text>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ) : (
        current && (
          <Text fw={500} visibleFrom="xs">
            {current.name}
          </Text>
        )
      )}
      <LanguageMenu />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="light" aria-label={t('layout.accountMenu', { name: session.name })}>
            {session.name}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{session.email}</Menu.Label>
          <Menu.Item onClick={() => void navigate({ to: '/account' })}>{t('nav.account')}</Menu.Item>
          <Menu.Item color="red" onClick={() => void leave()}>
            {t('auth.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
