import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { ServerTable } from '../../components/server-table';
import type { Petition, PetitionFilters } from './petition-queries';
import { petitionsQuery } from './petition-queries';
import { GoalProgress, PetitionStatusBadge } from './petition-status';
import { AnchorLink } from '../../components/links';

/**
 * Petitions in a server-paginated table. The page lives in the address when the caller passes it (the petitions
 * screen), else in the component (a campaign's petitions).
 */
export function PetitionTable({
  org,
  filters,
  page: pageInUrl,
  onPageChange,
  emptyAction,
}: {
  org: string;
  filters: PetitionFilters;
  page?: number;
  onPageChange?: (page: number) => void;
  emptyAction?: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const [localPage, setLocalPage] = useState(1);
  const page = pageInUrl ?? localPage;
  const list = useQuery(petitionsQuery(org, { ...filters, page }));
  const filtered = Boolean(filters.q || filters.status);

  if (list.error) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  if (list.data?.total === 0 && !filtered)
    return <EmptyState title={t('petitions.emptyTitle')} hint={t('petitions.emptyHint')} action={emptyAction} />;
  return (
    <ServerTable<Petition>
      label={t('petitions.title')}
      data={list.data}
      fetching={list.isFetching}
      page={page}
      onPageChange={onPageChange ?? setLocalPage}
      noRecordsText={t('petitions.noMatch')}
      columns={[
        {
          accessor: 'title',
          title: t('petitions.titleField'),
          render: (p) => (
            <AnchorLink to="/o/$org/petitions/$petitionId" params={{ org, petitionId: p.id }}>
              {p.title}
            </AnchorLink>
          ),
        },
        {
          accessor: 'status',
          title: t('petitions.statusField'),
          render: (p) => <PetitionStatusBadge status={p.status} />,
          width: 130,
        },
        {
          accessor: 'counts',
          title: t('petitions.signatures'),
          render: (p) => <GoalProgress count={p.counts.total} goal={p.goal} />,
          width: 260,
        },
        { accessor: 'createdAt', title: t('common.created'), render: (p) => format.date(p.createdAt), width: 150 },
      ]}
    />
  );
}
