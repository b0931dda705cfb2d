import { Badge, Card, Group, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/feedback';
import { Page } from '../../components/page';
import { useSession } from '../../session/session';

/** For members of several organisations (or none yet): which one to work in. */
export function OrganisationPicker(): ReactNode {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const organisations = session?.organisations ?? [];
  return (
    <Page title={t('orgs.title')}>
      {organisations.length === 0 ? (
        <EmptyState title={t('orgs.noneTitle')} hint={t('orgs.noneHint')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {organisations.map((o) => (
            <UnstyledButton key={o.slug} onClick={() => void navigate({ to: '/o/$org', params: { org: o.slug } })}>
              <Card withBorder padding="lg">
                <Group justify="space-between">
                  <Text fw={600}>{o.name}</Text>
                  <Badge variant="light">{t(`shared:role.${o.role}`)}</Badge>
                </Group>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      )}
    </Page>
  );
}
