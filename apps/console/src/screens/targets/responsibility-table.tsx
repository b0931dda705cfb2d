import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { DataTableColumn } from 'mantine-datatable';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useCountryName, useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import type { PageOf } from '../../components/server-table';
import { ServerTable } from '../../components/server-table';
import { EndResponsibilityForm } from './responsibility-forms';
import type { Responsibility } from './target-queries';
import { responsibilityKeys } from './target-queries';

/**
 * Responsibilities newest first, each with its period ("until further notice" when open-ended); staff end one (a
 * reshuffle the form did not record) or delete one entered by mistake. History is otherwise kept, never rewritten.
 */
export function ResponsibilityTable({
  org,
  data,
  fetching,
  page,
  onPageChange,
  manage,
  showTarget,
  noRecordsText,
}: {
  org: string;
  data: PageOf<Responsibility> | undefined;
  fetching: boolean;
  page: number;
  onPageChange: (page: number) => void;
  manage: boolean;
  showTarget: boolean;
  noRecordsText: string;
}): ReactNode {
  const { t } = useTranslation();
  // Days are calendar days, not instants: read in UTC, they show as written whatever the browser's zone.
  const format = useFormat('UTC');
  const countryName = useCountryName();
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState<Responsibility | null>(null);
  const remove = useMutation({
    mutationFn: (r: Responsibility) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/responsibilities/{responsibilityId}', {
          params: { path: { orgSlug: org, responsibilityId: r.id } },
        }),
      ),
    onSuccess: (_, r) => {
      void queryClient.invalidateQueries({ queryKey: responsibilityKeys(org) });
      notifySuccess(t('targets.responsibility.deleted', { name: r.targetName }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askDelete = async (r: Responsibility): Promise<void> => {
    const ok = await confirmAction({
      title: t('targets.responsibility.deleteTitle'),
      message: t('targets.responsibility.deleteMessage', { name: r.targetName }),
      confirmLabel: t('targets.responsibility.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate(r);
  };

  const columns: DataTableColumn<Responsibility>[] = [
    ...(showTarget
      ? [
          {
            accessor: 'targetName',
            title: t('targets.responsibility.target'),
            render: (r: Responsibility) => (
              <AnchorLink to="/o/$org/targets/$targetId" params={{ org, targetId: r.targetId }}>
                {r.targetName}
              </AnchorLink>
            ),
          },
        ]
      : []),
    { accessor: 'country', title: t('targets.country'), render: (r) => countryName(r.country), width: 140 },
    {
      accessor: 'focusArea',
      title: t('targets.focusAreaField'),
      render: (r) => (
        <>
          {t(`targets.focusArea.${r.focusArea}`)}
          {r.recommendationCode && (
            <Text size="xs" c="dimmed">
              {t('targets.responsibility.onlyRecommendation', { code: r.recommendationCode })}
            </Text>
          )}
        </>
      ),
    },
    {
      accessor: 'validFrom',
      title: t('targets.responsibility.period'),
      render: (r) => (
        <Stack gap={2} align="flex-start">
          <Text size="sm">{t('targets.responsibility.fromDay', { date: format.date(r.validFrom) })}</Text>
          {r.validUntil ? (
            <Text size="sm">{t('targets.responsibility.untilDay', { date: format.date(r.validUntil) })}</Text>
          ) : (
            <Badge color="green" variant="light" size="sm">
              {t('targets.responsibility.untilFurtherNotice')}
            </Badge>
          )}
        </Stack>
      ),
      width: 200,
    },
    { accessor: 'note', title: t('targets.responsibility.note') },
    ...(manage
      ? [
          {
            accessor: 'actions',
            title: t('common.actions'),
            width: 190,
            render: (r: Responsibility) => (
              <Group gap={4} wrap="nowrap">
                <Button
                  size="compact-xs"
                  variant="default"
                  aria-label={t('targets.responsibility.endOf', { name: r.targetName, date: format.date(r.validFrom) })}
                  onClick={() => setEnding(r)}
                >
                  {r.validUntil ? t('targets.responsibility.changeEnd') : t('targets.responsibility.end')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="default"
                  aria-label={t('targets.responsibility.deleteOf', {
                    name: r.targetName,
                    date: format.date(r.validFrom),
                  })}
                  onClick={() => void askDelete(r)}
                >
                  {t('targets.responsibility.delete')}
                </Button>
              </Group>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ServerTable<Responsibility>
        label={t('targets.responsibilitiesTitle')}
        data={data}
        fetching={fetching}
        page={page}
        onPageChange={onPageChange}
        noRecordsText={noRecordsText}
        columns={columns}
      />
      <Modal
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title={t('targets.responsibility.endTitle')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        {ending && (
          <EndResponsibilityForm
            org={org}
            responsibility={ending}
            onDone={() => setEnding(null)}
            onCancel={() => setEnding(null)}
          />
        )}
      </Modal>
    </>
  );
}
