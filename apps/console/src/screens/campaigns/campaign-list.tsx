import { Group, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/page';
import { Can } from '../../components/permissions';
import { SearchBox } from '../../components/search-box';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import type { Campaign, CampaignSort } from './campaign-queries';
import { campaignsQuery } from './campaign-queries';
import { AnchorLink, ButtonLink } from '../../components/links';

const SORTS: CampaignSort[] = ['newest', 'oldest', 'name'];

export function CampaignListScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/campaigns' });
  const navigate = useNavigate({ from: '/o/$org/campaigns' });
  const list = useQuery(campaignsQuery(org, search));
  const format = useFormat();
  const newButton = (
    <Can permission="campaigns.manage">
      <ButtonLink to="/o/$org/campaigns/new" params={{ org }}>
        {t('campaigns.new')}
      </ButtonLink>
    </Can>
  );

  return (
    <Page title={t('campaigns.title')} actions={newButton}>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : list.data?.total === 0 && !search.q ? (
        <EmptyState title={t('campaigns.emptyTitle')} hint={t('campaigns.emptyHint')} action={newButton} />
      ) : (
        <>
          <Group align="flex-end">
            <SearchBox
              label={t('campaigns.search')}
              value={search.q}
              onSearch={(q) => void navigate({ search: { ...search, q, page: undefined } })}
            />
            <Select
              label={t('common.sortBy')}
              data={SORTS.map((s) => ({ value: s, label: t(`campaigns.sort.${s}`) }))}
              value={search.sort ?? 'newest'}
              onChange={(sort) =>
                void navigate({ search: { ...search, sort: (sort as CampaignSort) ?? undefined, page: undefined } })
              }
              allowDeselect={false}
              w={220}
            />
          </Group>
          <ServerTable<Campaign>
            label={t('campaigns.title')}
            data={list.data}
            fetching={list.isFetching}
            page={search.page ?? 1}
            onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
            noRecordsText={t('campaigns.noMatch')}
            columns={[
              {
                accessor: 'name',
                title: t('campaigns.name'),
                render: (c) => (
                  <AnchorLink to="/o/$org/campaigns/$campaignId" params={{ org, campaignId: c.id }}>
                    {c.name}
                  </AnchorLink>
                ),
              },
              {
                accessor: 'description',
                title: t('campaigns.description'),
                render: (c) => (
                  <Text size="sm" lineClamp={2}>
                    {c.description}
                  </Text>
                ),
              },
              {
                accessor: 'createdAt',
                title: t('common.created'),
                render: (c) => format.date(c.createdAt),
                width: 160,
              },
            ]}
          />
        </>
      )}
    </Page>
  );
}
