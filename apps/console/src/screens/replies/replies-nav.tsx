import { Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/links';
import { useOrg } from '../../session/org';

/** Inbound mail's parts under one navigation entry: the threads, the triage queue, the alerts. */
export function RepliesNav(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const link = { size: 'compact-sm', variant: 'subtle', activeProps: { variant: 'light' } } as const;
  return (
    <Group component="nav" aria-label={t('replies.nav.label')} gap="xs">
      <ButtonLink to="/o/$org/replies" params={{ org }} activeOptions={{ exact: true, includeSearch: false }} {...link}>
        {t('replies.nav.threads')}
      </ButtonLink>
      <ButtonLink to="/o/$org/replies/triage" params={{ org }} {...link}>
        {t('replies.nav.triage')}
      </ButtonLink>
      <ButtonLink to="/o/$org/replies/alerts" params={{ org }} {...link}>
        {t('replies.nav.alerts')}
      </ButtonLink>
    </Group>
  );
}
