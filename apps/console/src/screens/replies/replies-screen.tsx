import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { campaignQuery } from '../campaigns/campaign-queries';
import { targetQuery } from '../targets/target-queries';
import { RepliesNav } from './replies-nav';
import { ReplyThreads } from './reply-threads';

/** Replies as threads: every letter mail came back for, or those of one campaign or one target (from the address). */
export function RepliesScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/replies' });
  const navigate = useNavigate({ from: '/o/$org/replies' });
  const campaign = useQuery({ ...campaignQuery(org, search.campaignId ?? ''), enabled: Boolean(search.campaignId) });
  const target = useQuery({ ...targetQuery(org, search.targetId ?? ''), enabled: Boolean(search.targetId) });
  // One filter at a time: a campaign's replies, or a target's.
  const filters = search.campaignId ? { campaignId: search.campaignId } : { targetId: search.targetId };
  const title = search.campaignId
    ? t('replies.titleOfCampaign', { name: campaign.data?.name ?? '…' })
    : search.targetId
      ? t('replies.titleOfTarget', { name: target.data?.name ?? '…' })
      : t('replies.title');

  return (
    <Page title={title}>
      <RepliesNav />
      <Group gap="md" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('replies.intro')}
        </Text>
        {(search.campaignId || search.targetId) && (
          <AnchorLink size="sm" to="/o/$org/replies" params={{ org }}>
            {t('replies.showAll')}
          </AnchorLink>
        )}
      </Group>
      <ReplyThreads
        org={org}
        filters={filters}
        page={search.page}
        onPageChange={(page) => void navigate({ search: { ...search, page } })}
      />
    </Page>
  );
}
