import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { LanguageMenu } from '../../components/language-menu';

/** The frame of the signed-out screens: Rally's name, the language menu, one card with the screen's heading. */
export function AuthCard({
  title,
  children,
  backToSignIn,
}: {
  title: string;
  children: ReactNode;
  /** A link back to sign-in under the card's content (every signed-out screen but sign-in itself). */
  backToSignIn?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · Rally`;
  }, [title]);
  return (
    <Center mih="100vh" p="md" component="main" bg="gray.0">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between">
          <Text fw={700} fz="xl" component="p">
            Rally
          </Text>
          <LanguageMenu />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <Title order={1} size="h3">
              {title}
            </Title>
            {children}
            {backToSignIn && (
              <AnchorLink to="/sign-in" size="sm">
                {t('auth.backToSignIn')}
              </AnchorLink>
            )}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}

/**
 * The secret of a mailed link, read from the address's fragment (`#token=...`: never sent to a server, so it stays
 * out of logs and Referer headers) and then removed from the address bar and history.
 */
export function takeFragmentToken(): string | undefined {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? undefined;
  if (token) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return token;
}
