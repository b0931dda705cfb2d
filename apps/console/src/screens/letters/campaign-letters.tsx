import { Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { ButtonLink } from '../../components/links';
import { Section } from '../../components/section';
import { campaignLetterStatsQuery } from './letter-queries';
import { TargetDeliveryTable } from './target-delivery-table';

// The petitions' bar chart, loaded on its own the same way (recharts is most of the console's weight).
const PerDayChart = lazy(() => import('../petitions/signatures-chart'));

/** The campaign's letters: how many, per day as supporters confirmed them, and per target with what was delivered. */
export function CampaignLetters({ org, campaignId }: { org: string; campaignId: string }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useQuery(campaignLetterStatsQuery(org, campaignId));
  const days = stats.data?.perDay.map((d) => ({ date: d.day, count: d.letters })) ?? [];
  const summary = stats.data
    ? t('letters.dashboard.summary', {
        count: stats.data.total,
        countText: format.number(stats.data.total),
        sent: format.number(stats.data.sent),
      })
    : '';

  return (
    <Section title={t('letters.dashboard.title')}>
      <Group justify="space-between">
        <Text size="sm">{summary}</Text>
        <ButtonLink variant="default" size="xs" to="/o/$org/letters" params={{ org }} search={{ campaignId }}>
          {t('letters.dashboard.actions')}
        </ButtonLink>
      </Group>
      {stats.error ? (
        <LoadError error={stats.error} retry={() => void stats.refetch()} />
      ) : !stats.data ? (
        <Skeleton h={220} />
      ) : (
        <Stack gap="lg">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('letters.dashboard.perDay')}
            </Title>
            {days.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('letters.delivery.noLetters')}
              </Text>
            ) : (
              <Suspense fallback={<Skeleton h={220} />}>
                <PerDayChart days={days} label={t('letters.dashboard.perDayLabel', { summary })} />
              </Suspense>
            )}
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('letters.dashboard.perTarget')}
            </Title>
            <TargetDeliveryTable caption={t('letters.dashboard.perTarget')} rows={stats.data.perTarget} />
          </Stack>
        </Stack>
      )}
    </Section>
  );
}
