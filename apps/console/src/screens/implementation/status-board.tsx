import { Badge, Button, Checkbox, Group, Modal, Select, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LoadError, notifyError } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import countries from '../../i18n/shared/countries.json';
import { useOrg } from '../../session/org';
import { organisationQuery } from '../settings/organisation-queries';
import type { AreaFilter, Status, StatusValue } from './implementation-queries';
import { AREA_FILTERS, boardQuery, implementationKeys, settingsQuery, STATUSES } from './implementation-queries';
import { PublishToggle, ScorecardControls } from './scorecard-controls';
import { StatusBadge, StatusPanel } from './status-panel';
import { StatusSummary } from './status-summary';

const ALL = 'all';
type Row = Status & { id: string };
const orAll = <T extends string>(v: string | null): T | undefined => (v && v !== ALL ? (v as T) : undefined);

/**
 * Where a country stands on each recommendation, by focus area (the catalogue's order): the status, who answers for
 * it today, when it was last verified and whether a change waits for review. A row opens its editor and history.
 */
export function StatusBoardScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/implementation' });
  const navigate = useNavigate({ from: '/o/$org/implementation' });
  const organisation = useQuery(organisationQuery(org));
  const country = search.country ?? organisation.data?.country ?? undefined;
  const page = search.page ?? 1;
  const board = useQuery({
    ...boardQuery(org, { country: country ?? '', ...search, page }),
    enabled: country !== undefined,
  });
  const [open, setOpen] = useState<Status | null>(null);
  const countryName = useCountryName();
  const countryChoices = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return countries
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, i18n.language]);
  // The table keys rows by id; a status is one recommendation's, so its id is the recommendation's.
  const rows = board.data && { ...board.data, items: board.data.items.map((r) => ({ ...r, id: r.recommendation.id })) };
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });

  return (
    <Page title={t('implementation.title')}>
      <ReviewRule org={org} canSwitch={can('implementation.settings')} />
      <ScorecardControls country={country} />
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('implementation.country')}
          placeholder={t('implementation.chooseCountry')}
          data={countryChoices}
          value={country ?? null}
          onChange={(v) => set({ country: v ?? undefined })}
          searchable
          allowDeselect={false}
          w={240}
        />
        <Select
          label={t('implementation.focusAreaField')}
          data={[
            { value: ALL, label: t('implementation.allFocusAreas') },
            ...AREA_FILTERS.map((a) => ({ value: a, label: t(`implementation.focusArea.${a}`) })),
          ]}
          value={search.focusArea ?? ALL}
          onChange={(v) => set({ focusArea: orAll<AreaFilter>(v) })}
          allowDeselect={false}
          w={280}
        />
        <Select
          label={t('implementation.statusField')}
          data={[
            { value: ALL, label: t('implementation.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`implementation.status.${s}`) })),
          ]}
          value={search.status ?? ALL}
          onChange={(v) => set({ status: orAll<StatusValue>(v) })}
          allowDeselect={false}
          w={220}
        />
        <Checkbox
          label={t('implementation.pendingOnly')}
          checked={search.pending === 'yes'}
          onChange={(e) => set({ pending: e.currentTarget.checked ? 'yes' : undefined })}
          mb={8}
        />
      </Group>
      {country !== undefined && (
        <StatusSummary
          org={org}
          country={country}
          onPick={(focusArea, status) => set({ focusArea, status, pending: undefined })}
        />
      )}
      {country === undefined ? (
        <Text size="sm">{t('implementation.chooseCountryHint')}</Text>
      ) : board.error ? (
        <LoadError error={board.error} retry={() => void board.refetch()} />
      ) : (
        <ServerTable<Row>
          label={t('implementation.boardOf', { country: countryName(country) })}
          data={rows}
          fetching={board.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
          noRecordsText={t('implementation.noMatch')}
          columns={[
            {
              accessor: 'focusArea',
              title: t('implementation.focusAreaField'),
              width: 190,
              render: (r) => t(`implementation.focusArea.${r.recommendation.focusArea ?? 'overarching'}`),
            },
            { accessor: 'code', title: t('implementation.code'), width: 100, render: (r) => r.recommendation.code },
            {
              accessor: 'title',
              title: t('implementation.recommendation'),
              render: (r) => (
                <Stack gap={2}>
                  <Text size="sm">{r.recommendation.title}</Text>
                  {r.responsible.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('implementation.responsibleList', {
                        names: r.responsible.map((x) => x.targetName).join(', '),
                      })}
                    </Text>
                  )}
                </Stack>
              ),
            },
            {
              accessor: 'status',
              title: t('implementation.statusField'),
              width: 190,
              render: (r) => (
                <Stack gap={4} align="flex-start">
                  <StatusBadge status={r.status} />
                  {r.pendingProposal && (
                    <Badge color="yellow" variant="light" size="sm">
                      {t('implementation.pendingBadge')}
                    </Badge>
                  )}
                </Stack>
              ),
            },
            {
              accessor: 'lastVerified',
              title: t('implementation.lastVerified'),
              width: 130,
              render: (r) => r.lastVerified ?? '—',
            },
            {
              accessor: 'published',
              title: t('implementation.publicColumn'),
              width: 90,
              render: (r) => <PublishToggle status={r} />,
            },
            {
              accessor: 'actions',
              title: t('common.actions'),
              width: 110,
              render: (r) => (
                <Button
                  size="compact-xs"
                  variant="default"
                  aria-label={t('implementation.openOf', { code: r.recommendation.code })}
                  onClick={() => setOpen(r)}
                >
                  {t('implementation.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={
          open
            ? t('implementation.panelTitle', { code: open.recommendation.code, country: countryName(open.country) })
            : ''
        }
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
        size="xl"
      >
        {open && <StatusPanel recommendationId={open.recommendation.id} country={open.country} />}
      </Modal>
    </Page>
  );
}

/** The second-reviewer rule: shown to everyone (it decides what "save" does), switched by admins. */
function ReviewRule({ org, canSwitch }: { org: string; canSwitch: boolean }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery(org));
  const change = useMutation({
    mutationFn: (secondReviewer: boolean) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/implementation/settings', {
          params: { path: { orgSlug: org } },
          body: { secondReviewer },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: implementationKeys(org) }),
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  if (!settings.data) return null;
  return (
    <Switch
      label={t('implementation.secondReviewer')}
      description={t('implementation.secondReviewerHint')}
      checked={settings.data.secondReviewer}
      disabled={!canSwitch || change.isPending}
      onChange={(e) => change.mutate(e.currentTarget.checked)}
    />
  );
}
