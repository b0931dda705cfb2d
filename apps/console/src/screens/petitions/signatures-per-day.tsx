import { Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { signaturesPerDayQuery } from './petition-queries';

const SignaturesChart = lazy(() => import('./signatures-chart'));

/** Signatures per day over the last 30 or 90 days, in the organisation's time zone (days as its campaigners live them). */
export function SignaturesPerDay({
  org,
  petitionId,
  days,
  onDaysChange,
  refetchInterval,
}: {
  org: string;
  petitionId: string;
  days: 30 | 90;
  onDaysChange: (days: 30 | 90) => void;
  refetchInterval?: number;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const perDay = useQuery({ ...signaturesPerDayQuery(org, petitionId, days), refetchInterval });
  const total = perDay.data?.days.reduce((sum, d) => sum + d.count, 0) ?? 0;
  const best = perDay.data?.days.reduce<{ date: string; count: number } | undefined>(
    (a, d) => (!a || d.count > a.count ? d : a),
    undefined,
  );
  const summary = t('petitions.perDay.summary', {
    count: total,
    countText: format.number(total),
    days,
    best: best && best.count > 0 ? format.date(`${best.date}T12:00:00Z`) : '',
  });

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('petitions.perDay.title')}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label={t('petitions.perDay.period')}
          value={String(days)}
          onChange={(v) => onDaysChange(v === '90' ? 90 : 30)}
          data={[
            { value: '30', label: t('petitions.perDay.days', { days: 30 }) },
            { value: '90', label: t('petitions.perDay.days', { days: 90 }) },
          ]}
        />
      </Group>
      {perDay.error ? (
        <LoadError error={perDay.error} retry={() => void perDay.refetch()} />
      ) : !perDay.data ? (
        <Skeleton h={220} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {summary}
          </Text>
          <Suspense fallback={<Skeleton h={220} />}>
            <SignaturesChart days={perDay.data.days} label={summary} />
          </Suspense>
        </>
      )}
    </Stack>
  );
}
