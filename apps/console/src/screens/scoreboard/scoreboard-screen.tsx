import { Group, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { Loading, LoadError, notifyError } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import countries from '../../i18n/shared/countries.json';
import { useOrg } from '../../session/org';
import { campaignsQuery } from '../campaigns/campaign-queries';
import { HolidaysEditor } from './holidays-editor';
import { RateBars } from './rate-bars';
import type { ScoreboardRow } from './scoreboard-queries';
import { percent, scoreboardKeys, scoreboardQuery, scoreboardSettingsQuery } from './scoreboard-queries';

const ALL = 'all';

/**
 * How each ministry answers the letters it gets: response rate per wave (a letter action's letters to one target),
 * median business days to the first acknowledgement and to a substantive answer, and what supporters reported.
 * Bars for a glance, the table for the figures (and for screen readers); holidays and the public switch below.
 */
export function ScoreboardScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/scoreboard' });
  const navigate = useNavigate({ from: '/o/$org/scoreboard' });
  const campaigns = useQuery(campaignsQuery(org, { limit: 100 }));
  const board = useQuery(scoreboardQuery(org, search));
  const countryName = useCountryName();
  const countryChoices = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return countries
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, i18n.language]);
  const set = (change: Partial<typeof search>): void => void navigate({ search: { ...search, ...change } });
  const days = (n: number | null): string =>
    n === null ? '—' : t('scoreboard.days', { count: n, days: new Intl.NumberFormat(i18n.language).format(n) });
  const nameOf = (r: ScoreboardRow): string => `${r.ministry} (${countryName(r.country)})`;
  const rows = board.data?.ministries ?? [];
  const slowest = Math.max(1, ...rows.map((r) => r.medianDaysToResponse ?? 0));

  return (
    <Page title={t('scoreboard.title')}>
      <Text size="sm" c="dimmed">
        {t('scoreboard.intro')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('scoreboard.campaign')}
          data={[
            { value: ALL, label: t('scoreboard.allCampaigns') },
            ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={search.campaignId ?? ALL}
          onChange={(v) => set({ campaignId: v && v !== ALL ? v : undefined })}
          allowDeselect={false}
          w={280}
        />
        <Select
          label={t('scoreboard.country')}
          data={[{ value: ALL, label: t('scoreboard.allCountries') }, ...countryChoices]}
          value={search.country ?? ALL}
          onChange={(v) => set({ country: v && v !== ALL ? v : undefined })}
          searchable
          allowDeselect={false}
          w={240}
        />
      </Group>
      {board.error ? (
        <LoadError error={board.error} retry={() => void board.refetch()} />
      ) : !board.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('scoreboard.empty')}</Text>
      ) : (
        <>
          <Text size="sm">
            {t('scoreboard.totals', {
              waves: board.data.totals.waves,
              letters: board.data.totals.letters,
              rate: percent(board.data.totals.responseRate, i18n.language),
            })}
          </Text>
          <Group align="flex-start" grow wrap="wrap">
            <RateBars
              title={t('scoreboard.chartRate')}
              max={1}
              color="var(--mantine-color-teal-7)"
              bars={rows.map((r) => ({
                key: `${r.ministry}:${r.country}`,
                label: nameOf(r),
                value: r.responseRate,
                text: percent(r.responseRate, i18n.language),
              }))}
            />
            <RateBars
              title={t('scoreboard.chartDays')}
              max={slowest}
              color="var(--mantine-color-orange-8)"
              bars={rows.map((r) => ({
                key: `${r.ministry}:${r.country}`,
                label: nameOf(r),
                value: r.medianDaysToResponse ?? 0,
                text: days(r.medianDaysToResponse),
              }))}
            />
          </Group>
          <Table.ScrollContainer minWidth={900}>
            <Table striped withTableBorder aria-label={t('scoreboard.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('scoreboard.ministry')}</Table.Th>
                  <Table.Th>{t('scoreboard.waves')}</Table.Th>
                  <Table.Th>{t('scoreboard.letters')}</Table.Th>
                  <Table.Th>{t('scoreboard.responseRate')}</Table.Th>
                  <Table.Th>{t('scoreboard.acknowledgementRate')}</Table.Th>
                  <Table.Th>{t('scoreboard.medianAck')}</Table.Th>
                  <Table.Th>{t('scoreboard.medianResponse')}</Table.Th>
                  <Table.Th>{t('scoreboard.per100')}</Table.Th>
                  <Table.Th>{t('scoreboard.reported')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.ministry}:${r.country}`}>
                    <Table.Td>{nameOf(r)}</Table.Td>
                    <Table.Td>{r.waves}</Table.Td>
                    <Table.Td>{r.letters}</Table.Td>
                    <Table.Td>{percent(r.responseRate, i18n.language)}</Table.Td>
                    <Table.Td>{percent(r.acknowledgementRate, i18n.language)}</Table.Td>
                    <Table.Td>{days(r.medianDaysToAcknowledgement)}</Table.Td>
                    <Table.Td>{days(r.medianDaysToResponse)}</Table.Td>
                    <Table.Td>{new Intl.NumberFormat(i18n.language).format(r.responsesPer100Letters)}</Table.Td>
                    <Table.Td>
                      {r.supporterReported.answers === 0
                        ? '—'
                        : t('scoreboard.reportedOf', {
                            yes: r.supporterReported.yes,
                            acknowledgement: r.supporterReported.acknowledgement,
                            no: r.supporterReported.no,
                            notYet: r.supporterReported.notYet,
                          })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">
            {t('scoreboard.definitions')}
          </Text>
        </>
      )}
      <Section title={t('scoreboard.publicTitle')}>
        <PublicSwitch org={org} canSwitch={can('scoreboard.settings')} />
      </Section>
      <Section title={t('scoreboard.holidaysTitle')}>
        <HolidaysEditor org={org} canManage={can('scoreboard.manage')} countryChoices={countryChoices} />
      </Section>
    </Page>
  );
}

/** Off by default; admins switch it. Shown to all, with the address it is (or would be) served at. */
function PublicSwitch({ org, canSwitch }: { org: string; canSwitch: boolean }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery(scoreboardSettingsQuery(org));
  const change = useMutation({
    mutationFn: (value: boolean) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/scoreboard/settings', {
          params: { path: { orgSlug: org } },
          body: { public: value },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: scoreboardKeys(org) }),
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  if (!settings.data) return null;
  return (
    <Stack gap={4}>
      <Switch
        label={t('scoreboard.public')}
        description={t('scoreboard.publicHint')}
        checked={settings.data.public}
        disabled={!canSwitch || change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.checked)}
      />
      {settings.data.public && (
        <Text size="sm">
          {t('scoreboard.publicAt')}{' '}
          <a href={settings.data.publicPath} target="_blank" rel="noreferrer">
            {settings.data.publicPath}
          </a>
        </Text>
      )}
    </Stack>
  );
}
