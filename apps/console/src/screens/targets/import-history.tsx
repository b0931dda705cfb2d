import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { ServerTable } from '../../components/server-table';
import type { ImportStatus, TargetImportSummary } from './import-queries';
import { importsQuery } from './import-queries';

const COLOURS: Record<ImportStatus, string> = {
  uploaded: 'gray',
  checking: 'indigo',
  checked: 'yellow',
  applying: 'indigo',
  applied: 'green',
  failed: 'red',
};

export function ImportStatusBadge({ status }: { status: ImportStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light">
      {t(`targets.import.status.${status}`)}
    </Badge>
  );
}

/** Past imports, newest first; each opens where it stopped (a checked file can still be applied). */
export function ImportHistory({
  org,
  page,
  onPageChange,
}: {
  org: string;
  page: number;
  onPageChange: (page: number) => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery(importsQuery(org, page));
  if (list.error) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  return (
    <ServerTable<TargetImportSummary>
      label={t('targets.import.history')}
      data={list.data}
      fetching={list.isFetching}
      page={page}
      onPageChange={onPageChange}
      noRecordsText={t('targets.import.noHistory')}
      columns={[
        {
          accessor: 'fileName',
          title: t('targets.import.file'),
          render: (i) => (
            <AnchorLink to="/o/$org/targets/import" params={{ org }} search={{ kind: i.kind, importId: i.id }}>
              {i.fileName || t('targets.import.unnamed')}
            </AnchorLink>
          ),
        },
        { accessor: 'kind', title: t('targets.import.kindLabel'), render: (i) => t(`targets.import.kind.${i.kind}`) },
        {
          accessor: 'status',
          title: t('targets.import.statusColumn'),
          render: (i) => <ImportStatusBadge status={i.status} />,
        },
        {
          accessor: 'counts',
          title: t('targets.import.countsColumn'),
          render: (i) =>
            t('targets.import.countsLine', {
              created: i.created,
              updated: i.updated,
              removed: i.removed,
              errors: i.errorCount,
            }),
        },
        { accessor: 'createdAt', title: t('common.created'), render: (i) => format.dateTime(i.createdAt), width: 190 },
      ]}
    />
  );
}
