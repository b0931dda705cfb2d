import { Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import type { Campaign } from '../campaigns/campaign-queries';
import { petitionsQuery } from '../petitions/petition-queries';
import { PetitionStatusBadge } from '../petitions/petition-status';
import { AnchorLink } from '../../components/links';

const PETITIONS_PER_CAMPAIGN = 5;

/** A campaign on the home screen with its latest petitions, their status and count. */
export function CampaignSummary({ org, campaign }: { org: string; campaign: Campaign }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const petitions = useQuery(petitionsQuery(org, { campaignId: campaign.id, limit: PETITIONS_PER_CAMPAIGN }));
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <AnchorLink to="/o/$org/campaigns/$campaignId" params={{ org, campaignId: campaign.id }} fw={600}>
          {campaign.name}
        </AnchorLink>
        {petitions.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('home.campaignNoPetitions')}
          </Text>
        )}
        {petitions.data?.items.map((p) => (
          <Group key={p.id} justify="space-between" wrap="nowrap">
            <AnchorLink to="/o/$org/petitions/$petitionId" params={{ org, petitionId: p.id }} size="sm" lineClamp={1}>
              {p.title}
            </AnchorLink>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {t('petitions.ofGoal', {
                  count: p.counts.total,
                  countText: format.number(p.counts.total),
                  goal: format.number(p.goal),
                })}
              </Text>
              <PetitionStatusBadge status={p.status} />
            </Group>
          </Group>
        ))}
        {(petitions.data?.total ?? 0) > PETITIONS_PER_CAMPAIGN && (
          <AnchorLink to="/o/$org/petitions" params={{ org }} search={{ campaignId: campaign.id }} size="sm">
            {t('home.allPetitionsOf', { count: petitions.data?.total ?? 0 })}
          </AnchorLink>
        )}
      </Stack>
    </Paper>
  );
}
