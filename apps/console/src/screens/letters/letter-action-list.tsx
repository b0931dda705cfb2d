import { Anchor, Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Page } from '../../components/page';
import { Can } from '../../components/permissions';
import { SearchBox } from '../../components/search-box';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { campaignsQuery } from '../campaigns/campaign-queries';
import type { LetterAction, LetterActionSort, LetterActionStatus } from './letter-queries';
import { LETTER_ACTION_SORTS, LETTER_ACTION_STATUSES, letterActionsQuery } from './letter-queries';
import { LetterActionStatusBadge, TestModeBadge } from './letter-status';

/** Every letter action of the organisation, filtered by status, campaign and text; the filters live in the address. */
export function LetterActionListScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const format = useFormat();
  const search = useSearch({ from: '/authed/o/$org/letters' });
  const navigate = useNavigate({ from: '/o/$org/letters' });
  // The 100 most recent campaigns name the choices, as on the petitions screen.
  const campaigns = useQuery(campaignsQuery(org, { limit: 100 }));
  const { page = 1, ...filters } = search;
  const list = useQuery(letterActionsQuery(org, { ...filters, page }));
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });
  const campaignName = new Map((campaigns.data?.items ?? []).map((c) => [c.id, c.name]));
  const filtered = Boolean(search.q || search.status || search.campaignId);
  const newButton = (
    <Can permission="letters.manage">
      <ButtonLink to="/o/$org/letters/new" params={{ org }} search={{ campaignId: search.campaignId }}>
        {t('letters.new')}
      </ButtonLink>
    </Can>
  );

  return (
    <Page title={t('letters.title')} actions={newButton}>
      <Group align="flex-end" wrap="wrap">
        <SearchBox label={t('letters.search')} value={search.q} onSearch={(q) => set({ q })} />
        <Select
          label={t('letters.statusField')}
          data={[
            { value: 'all', label: t('letters.allStatuses') },
            ...LETTER_ACTION_STATUSES.map((s) => ({ value: s, label: t(`letters.status.${s}`) })),
          ]}
          value={search.status ?? 'all'}
          onChange={(v) => set({ status: v && v !== 'all' ? (v as LetterActionStatus) : undefined })}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t('letters.campaign')}
          data={[
            { value: 'all', label: t('letters.allCampaigns') },
            ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={search.campaignId ?? 'all'}
          onChange={(v) => set({ campaignId: v && v !== 'all' ? v : undefined })}
          allowDeselect={false}
          searchable
          w={240}
        />
        <Select
          label={t('common.sortBy')}
          data={LETTER_ACTION_SORTS.map((s) => ({ value: s, label: t(`letters.sort.${s}`) }))}
          value={search.sort ?? 'newest'}
          onChange={(v) => set({ sort: (v as LetterActionSort) ?? undefined })}
          allowDeselect={false}
          w={220}
        />
      </Group>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : list.data?.total === 0 && !filtered ? (
        <EmptyState title={t('letters.emptyTitle')} hint={t('letters.emptyHint')} action={newButton} />
      ) : (
        <ServerTable<LetterAction>
          label={t('letters.title')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
          noRecordsText={t('letters.noMatch')}
          columns={[
            {
              accessor: 'title',
              title: t('letters.titleField'),
              render: (a) => (
                <Group gap="xs" wrap="nowrap">
                  <AnchorLink to="/o/$org/letters/$actionId" params={{ org, actionId: a.id }}>
                    {a.title}
                  </AnchorLink>
                  {a.testMode && <TestModeBadge />}
                </Group>
              ),
            },
            {
              accessor: 'status',
              title: t('letters.statusField'),
              render: (a) => <LetterActionStatusBadge status={a.status} />,
              width: 120,
            },
            {
              accessor: 'campaignId',
              title: t('letters.campaign'),
              render: (a) => campaignName.get(a.campaignId) ?? '—',
            },
            {
              accessor: 'publicUrl',
              title: t('letters.publicPage'),
              render: (a) => (
                <Anchor href={a.publicUrl} target="_blank" rel="noreferrer" size="sm">
                  {new URL(a.publicUrl).pathname}
                </Anchor>
              ),
            },
            { accessor: 'createdAt', title: t('common.created'), render: (a) => format.date(a.createdAt), width: 150 },
          ]}
        />
      )}
    </Page>
  );
}
