import type { DataTableColumn, DataTableSortStatus } from 'mantine-datatable';
import { DataTable } from 'mantine-datatable';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE } from './pagination';

export interface PageOf<T> {
  items: T[];
  total: number;
}

/**
 * A list paginated by the server (every Rally list answers `{ items, total, limit, offset }`), with translated
 * pagination and an accessible name for the table.
 */
export function ServerTable<T>({
  label,
  data,
  fetching,
  page,
  onPageChange,
  columns,
  sortStatus,
  onSortStatusChange,
  noRecordsText,
  idAccessor = 'id',
}: {
  label: string;
  data: PageOf<T> | undefined;
  fetching: boolean;
  page: number;
  onPageChange: (page: number) => void;
  columns: DataTableColumn<T>[];
  sortStatus?: DataTableSortStatus<T>;
  onSortStatusChange?: (status: DataTableSortStatus<T>) => void;
  noRecordsText?: string;
  idAccessor?: string;
}): ReactNode {
  const { t } = useTranslation();
  const sorting = sortStatus && onSortStatusChange ? { sortStatus, onSortStatusChange } : {};
  return (
    <DataTable<T>
      aria-label={label}
      withTableBorder
      borderRadius="md"
      highlightOnHover
      minHeight={data && data.items.length > 0 ? undefined : 160}
      records={data?.items ?? []}
      columns={columns}
      idAccessor={idAccessor}
      fetching={fetching}
      loadingText={t('common.loading')}
      noRecordsText={noRecordsText ?? t('table.noRecords')}
      totalRecords={data?.total ?? 0}
      recordsPerPage={PAGE_SIZE}
      page={page}
      onPageChange={onPageChange}
      paginationText={({ from, to, totalRecords }) => t('table.range', { from, to, total: totalRecords })}
      getPaginationControlProps={(control) => ({ 'aria-label': t(`table.${control}`) })}
      getPaginationItemProps={(n) => ({ 'aria-label': t('table.page', { page: n }) })}
      {...sorting}
    />
  );
}
