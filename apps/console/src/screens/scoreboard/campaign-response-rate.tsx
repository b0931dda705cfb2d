import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { percent, scoreboardQuery } from './scoreboard-queries';

/** On a campaign's dashboard: how its targets answered its letters, with a link to the scoreboard for the detail. */
export function CampaignResponseRate({ org, campaignId }: { org: string; campaignId: string }): ReactNode {
  const { t, i18n } = useTranslation();
  const board = useQuery(scoreboardQuery(org, { campaignId }));
  const totals = board.data?.totals;
  const number = new Intl.NumberFormat(i18n.language);
  const figure = (label: string, value: string): ReactNode => (
    <Stack gap={0}>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="campaign-response-rate">
      <Stack gap="sm">
        <Title order={2} size="h4" id="campaign-response-rate">
          {t('campaigns.responseRate.title')}
        </Title>
        {!totals ? null : totals.waves === 0 ? (
          <Text size="sm">{t('campaigns.responseRate.none')}</Text>
        ) : (
          <Group gap="xl" wrap="wrap">
            {figure(t('campaigns.responseRate.rate'), percent(totals.responseRate, i18n.language))}
            {figure(t('campaigns.responseRate.acknowledged'), percent(totals.acknowledgementRate, i18n.language))}
            {figure(
              t('campaigns.responseRate.medianDays'),
              totals.medianDaysToResponse === null ? '—' : number.format(totals.medianDaysToResponse),
            )}
            {figure(t('campaigns.responseRate.waves'), number.format(totals.waves))}
            {figure(t('campaigns.responseRate.letters'), number.format(totals.letters))}
          </Group>
        )}
        <Text size="sm">
          <AnchorLink to="/o/$org/scoreboard" params={{ org }} search={{ campaignId }}>
            {t('campaigns.responseRate.open')}
          </AnchorLink>
        </Text>
      </Stack>
    </Paper>
  );
}
