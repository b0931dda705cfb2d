import { Anchor, Group, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { CopyField } from '../../components/copy-field';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { useOrg } from '../../session/org';
import type { Status } from './implementation-queries';
import { implementationKeys, scorecardQuery } from './implementation-queries';

/**
 * The public scorecard for the country shown: its switch (admins), the public address and the embed code once
 * something is published there.
 */
export function ScorecardControls({ country }: { country: string | undefined }): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const queryClient = useQueryClient();
  const countryName = useCountryName();
  const scorecard = useQuery(scorecardQuery(org));
  const change = useMutation({
    mutationFn: (enabled: boolean) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/implementation/scorecard', {
          params: { path: { orgSlug: org } },
          body: { enabled },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: implementationKeys(org) }),
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  if (!scorecard.data) return null;
  const { enabled, countries } = scorecard.data;
  const here = country ? countries.find((c) => c.country === country) : undefined;
  return (
    <Stack gap="xs">
      <Switch
        label={t('implementation.scorecard')}
        description={t('implementation.scorecardHint')}
        checked={enabled}
        disabled={!can('implementation.settings') || change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.checked)}
      />
      {enabled && country && !here && (
        <Text size="sm">{t('implementation.scorecardNothing', { country: countryName(country) })}</Text>
      )}
      {enabled && country && here && (
        <Group align="flex-end" wrap="wrap">
          <Anchor href={here.url} target="_blank" rel="noopener" size="sm" mb={8}>
            {t('implementation.scorecardLink', { country: countryName(country) })}
          </Anchor>
          <CopyField
            label={t('implementation.scorecardEmbed')}
            description={t('implementation.scorecardEmbedHint')}
            value={`<iframe src="${here.embedUrl}" title="${t('implementation.scorecardEmbedTitle', { country: countryName(country) })}" width="100%" height="800" loading="lazy"></iframe>`}
          />
        </Group>
      )}
    </Stack>
  );
}

/** On or off the public scorecard, one status; nothing to publish until a status is set. */
export function PublishToggle({ status }: { status: Status }): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const queryClient = useQueryClient();
  const code = status.recommendation.code;
  const toggle = useMutation({
    mutationFn: (published: boolean) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/implementation/statuses/{recommendationId}/publication', {
          params: { path: { orgSlug: org, recommendationId: status.recommendation.id } },
          body: { country: status.country, published },
        }),
      ),
    onSuccess: (_, published) => {
      void queryClient.invalidateQueries({ queryKey: implementationKeys(org) });
      notifySuccess(t(published ? 'implementation.publishedNotice' : 'implementation.unpublishedNotice', { code }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const nothingToShow = status.status === 'unknown' && !status.published;
  return (
    <Switch
      aria-label={t('implementation.publishOf', { code })}
      checked={status.published}
      disabled={!can('implementation.publish') || nothingToShow || toggle.isPending}
      onChange={(e) => toggle.mutate(e.currentTarget.checked)}
      size="sm"
    />
  );
}
