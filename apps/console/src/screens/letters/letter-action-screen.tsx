import { Alert, Anchor, Group, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../components/feedback';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { LetterDelivery } from './letter-delivery';
import { LetterDetails } from './letter-details';
import { LetterLifecycle } from './letter-lifecycle';
import { letterActionQuery } from './letter-queries';
import { LetterRouting } from './letter-routing';
import { LetterActionStatusBadge, TestModeBadge } from './letter-status';
import { TemplateWorkspace } from './template-workspace';

export const ACTION_TABS = ['details', 'routing', 'letter', 'lifecycle', 'delivery'] as const;
export type ActionTab = (typeof ACTION_TABS)[number];

/**
 * One letter action in tabs. The tab is chosen in the screen, not the address (the address only picks the first
 * one): each tab's form stays mounted with its unsaved text, and moving between tabs is not leaving the page.
 */
export function LetterActionScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const { actionId } = useParams({ from: '/authed/o/$org/letters/$actionId' });
  const search = useSearch({ from: '/authed/o/$org/letters/$actionId' });
  const [tab, setTab] = useState<ActionTab>(search.tab ?? 'details');
  const action = useQuery(letterActionQuery(org, actionId));

  if (action.error) return <LoadError error={action.error} retry={() => void action.refetch()} />;
  if (!action.data) return <Loading />;
  const a = action.data;
  const manage = can('letters.manage');

  return (
    <Page title={a.title}>
      <Group gap="sm">
        <LetterActionStatusBadge status={a.status} />
        {a.testMode && <TestModeBadge />}
        <Anchor href={a.publicUrl} target="_blank" rel="noreferrer" size="sm">
          {t('letters.openPublicPage')}
        </Anchor>
        <AnchorLink to="/o/$org/campaigns/$campaignId" params={{ org, campaignId: a.campaignId }} size="sm">
          {t('letters.viewCampaign')}
        </AnchorLink>
      </Group>
      {a.testMode && (
        <Alert color="grape" title={t('letters.testMode.onTitle')}>
          {t('letters.testMode.onBody', { recipient: a.testRecipient ?? '' })}
        </Alert>
      )}
      {!manage && (
        <Text size="sm" c="dimmed">
          {t('letters.readOnly')}
        </Text>
      )}
      <Tabs value={tab} onChange={(v) => v && setTab(v as ActionTab)} keepMounted>
        <Tabs.List>
          {ACTION_TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`letters.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <LetterDetails org={org} action={a} editable={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="routing" pt="md">
          <LetterRouting org={org} action={a} editable={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="letter" pt="md">
          <TemplateWorkspace org={org} action={a} editable={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="lifecycle" pt="md">
          <LetterLifecycle org={org} action={a} editable={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="delivery" pt="md">
          {tab === 'delivery' && <LetterDelivery org={org} action={a} manage={manage} />}
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
