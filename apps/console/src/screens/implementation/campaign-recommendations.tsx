import { Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { AnchorLink } from '../../components/links';
import countries from '../../i18n/shared/countries.json';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { VerificationBadge } from '../recommendations/verification-badge';
import { organisationQuery } from '../settings/organisation-queries';
import { boardQuery } from './implementation-queries';
import { StatusBadge } from './status-panel';

/** The campaign's first 100 letter actions are read for their codes (a campaign has a handful; the API pages them). */
const ACTIONS_READ = 100;

/**
 * On a campaign's dashboard: where a country stands on the recommendations the campaign's letter actions cite, with
 * each one's verification level (an unverified item is never shown as the Study's word) and a link to the board.
 */
export function CampaignRecommendations({ org, campaignId }: { org: string; campaignId: string }): ReactNode {
  const { t, i18n } = useTranslation();
  const organisation = useQuery(organisationQuery(org));
  const actions = useQuery({
    queryKey: ['org', org, 'letters', 'actions', 'cited', campaignId],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/letter-actions', {
          params: { path: { orgSlug: org }, query: { campaignId, limit: ACTIONS_READ } },
        }),
      ),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const country = chosen ?? organisation.data?.country ?? null;
  const codes = useMemo(
    () => [...new Set((actions.data?.items ?? []).flatMap((a) => a.recommendationCodes))].sort(),
    [actions.data],
  );
  const board = useQuery({
    ...boardQuery(org, { country: country ?? '', codes }),
    enabled: country !== null && codes.length > 0,
  });
  const countryName = useCountryName();
  const countryChoices = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return countries
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, i18n.language]);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="campaign-recommendations">
      <Stack gap="sm">
        <Title order={2} size="h4" id="campaign-recommendations">
          {t('implementation.campaign.title')}
        </Title>
        {actions.isError ? (
          <LoadError error={actions.error} />
        ) : !actions.data ? null : codes.length === 0 ? (
          <Text size="sm">{t('implementation.campaign.none')}</Text>
        ) : (
          <>
            <Group align="flex-end">
              <Select
                label={t('implementation.country')}
                placeholder={t('implementation.chooseCountry')}
                data={countryChoices}
                value={country}
                onChange={setChosen}
                searchable
                allowDeselect={false}
                w={260}
              />
            </Group>
            {country === null ? (
              <Text size="sm">{t('implementation.chooseCountryHint')}</Text>
            ) : board.isError ? (
              <LoadError error={board.error} />
            ) : (
              <Table striped aria-label={t('implementation.campaign.tableOf', { country: countryName(country) })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('implementation.code')}</Table.Th>
                    <Table.Th>{t('implementation.recommendation')}</Table.Th>
                    <Table.Th>{t('implementation.statusField')}</Table.Th>
                    <Table.Th>{t('implementation.lastVerified')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(board.data?.items ?? []).map((s) => (
                    <Table.Tr key={s.recommendation.id}>
                      <Table.Td>{s.recommendation.code}</Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          <Text size="sm">{s.recommendation.title}</Text>
                          <VerificationBadge level={s.recommendation.verification} />
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={s.status} />
                      </Table.Td>
                      <Table.Td>{s.lastVerified ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {board.data && board.data.items.length < codes.length && (
              <Text size="xs" c="dimmed">
                {t('implementation.campaign.missing', { count: codes.length - board.data.items.length })}
              </Text>
            )}
          </>
        )}
        {country !== null && (
          <Text size="sm">
            <AnchorLink to="/o/$org/implementation" params={{ org }} search={{ country }}>
              {t('implementation.campaign.open')}
            </AnchorLink>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
