import { Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page';
import { Can } from '../../components/permissions';
import { SearchBox } from '../../components/search-box';
import { useOrg } from '../../session/org';
import { campaignsQuery } from '../campaigns/campaign-queries';
import type { PetitionSort, PetitionStatus } from './petition-queries';
import { PETITION_STATUSES } from './petition-queries';
import { PetitionTable } from './petition-table';
import { ButtonLink } from '../../components/links';

const SORTS: PetitionSort[] = ['newest', 'oldest', 'title'];

/** Every petition of the organisation, filtered by status, campaign and text; the filters live in the address. */
export function PetitionListScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/petitions' });
  const navigate = useNavigate({ from: '/o/$org/petitions' });
  // The 100 most recent campaigns name the choices; a larger organisation narrows by text search instead.
  const campaigns = useQuery(campaignsQuery(org, { limit: 100 }));
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });

  return (
    <Page
      title={t('petitions.title')}
      actions={
        <Can permission="petitions.manage">
          <ButtonLink to="/o/$org/petitions/new" params={{ org }} search={{ campaignId: search.campaignId }}>
            {t('petitions.new')}
          </ButtonLink>
        </Can>
      }
    >
      <Group align="flex-end" wrap="wrap">
        <SearchBox label={t('petitions.search')} value={search.q} onSearch={(q) => set({ q })} />
        <Select
          label={t('petitions.statusField')}
          data={[
            { value: 'all', label: t('petitions.allStatuses') },
            ...PETITION_STATUSES.map((s) => ({ value: s, label: t(`petitions.status.${s}`) })),
          ]}
          value={search.status ?? 'all'}
          onChange={(v) => set({ status: v && v !== 'all' ? (v as PetitionStatus) : undefined })}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t('petitions.campaign')}
          data={[
            { value: 'all', label: t('petitions.allCampaigns') },
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
          data={SORTS.map((s) => ({ value: s, label: t(`petitions.sort.${s}`) }))}
          value={search.sort ?? 'newest'}
          onChange={(v) => set({ sort: (v as PetitionSort) ?? undefined })}
          allowDeselect={false}
          w={220}
        />
      </Group>
      <PetitionTable
        org={org}
        filters={search}
        page={search.page ?? 1}
        onPageChange={(page) => void navigate({ search: { ...search, page } })}
        emptyAction={
          <Can permission="petitions.manage">
            <ButtonLink to="/o/$org/petitions/new" params={{ org }}>
              {t('petitions.new')}
            </ButtonLink>
          </Can>
        }
      />
    </Page>
  );
}
