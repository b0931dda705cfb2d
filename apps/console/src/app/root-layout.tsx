import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { Outlet, useRouter, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onSessionExpired, setCsrfToken } from '../api/client';
import { notifyWarning } from '../components/feedback';
import { chooseLanguage, isLanguage } from '../i18n';
import { sessionQuery } from '../session/session';
import { ButtonLink } from '../components/links';

/**
 * Above every screen: when any request answers 401 the session has ended (idle, expired, signed out elsewhere), so
 * the member is sent to sign-in and, once signed in again, back to the page they were on. A `?lang=` in the address
 * (mailed links carry the organisation's language) chooses the language.
 */
export function RootLayout(): ReactNode {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const { lang } = useSearch({ strict: false }) as { lang?: unknown };

  useEffect(() => {
    if (isLanguage(lang)) void chooseLanguage(lang);
  }, [lang]);

  useEffect(
    () =>
      onSessionExpired(() => {
        const { pathname, href } = router.state.location;
        if (pathname === '/sign-in') return;
        setCsrfToken(undefined);
        queryClient.setQueryData(sessionQuery.queryKey, null);
        notifyWarning('session-ended', t('auth.sessionEnded'));
        void router.navigate({ to: '/sign-in', search: { next: href } });
      }),
    [router, queryClient, t],
  );

  return <Outlet />;
}

export function NotFoundScreen(): ReactNode {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('notFound.title')} · Rally`;
  }, [t]);
  return (
    <Center mih="60vh" component="main">
      <Stack align="center" gap="sm">
        <Title order={1}>{t('notFound.title')}</Title>
        <Text c="dimmed">{t('notFound.hint')}</Text>
        <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
      </Stack>
    </Center>
  );
}

/** A screen that failed to render or load its code (a deploy replaced the chunks): reloading fixes the latter. */
export function RouteError({ error, reset }: ErrorComponentProps): ReactNode {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" component="main">
      <Stack align="center" gap="sm" role="alert">
        <Title order={1}>{t('common.somethingWrong')}</Title>
        <Text c="dimmed">{error instanceof Error ? error.message : String(error)}</Text>
        <Button
          onClick={() => {
            reset();
            window.location.reload();
          }}
        >
          {t('common.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
