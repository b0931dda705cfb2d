import { Alert, Button, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { PAGE_SIZE } from '../../components/pagination';
import { ServerTable } from '../../components/server-table';
import type { TargetImport } from './import-queries';
import { importKeys, importQuery } from './import-queries';

/** A running check or apply: rows read so far against the file's rows (estimated while a check reads the file). */
export function ImportProgress({ upload }: { upload: TargetImport }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const total = Math.max(upload.rowsTotal, upload.rowsDone);
  const percent = total > 0 ? Math.min(100, (upload.rowsDone / total) * 100) : 0;
  const label = t(upload.status === 'applying' ? 'targets.import.applying' : 'targets.import.checking', {
    done: format.number(upload.rowsDone),
    total: format.number(total),
  });
  return (
    <Stack gap={4} role="status">
      <Text size="sm">{label}</Text>
      <Progress value={percent} aria-label={label} animated striped />
    </Stack>
  );
}

/** What the check found (or the apply did): counts, the rows in error, and the next step. */
export function ImportOutcome({
  org,
  upload,
  onRemap,
}: {
  org: string;
  upload: TargetImport;
  onRemap: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const applied = upload.status === 'applied';
  const hasErrors = upload.errorCount > 0;
  const nothingValid = upload.created + upload.updated + upload.unchanged + upload.removed === 0;
  const apply = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/target-imports/{importId}/apply', {
          params: { path: { orgSlug: org, importId: upload.id } },
          body: { skipInvalid: hasErrors },
        }),
      ),
    onSuccess: (queued) => {
      queryClient.setQueryData(importQuery(org, upload.id).queryKey, queued);
      void queryClient.invalidateQueries({ queryKey: [...importKeys(org), 'list'] });
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askApply = async (): Promise<void> => {
    const ok = await confirmAction({
      title: t('targets.import.applyTitle'),
      message: t('targets.import.applyMessage', {
        created: upload.created,
        updated: upload.updated,
        removed: upload.removed,
        missing: upload.missing,
        errors: upload.errorCount,
      }),
      confirmLabel: hasErrors ? t('targets.import.applyValid') : t('targets.import.apply'),
      cancelLabel: t('common.cancel'),
      danger: upload.removed > 0,
    });
    if (ok) apply.mutate();
  };
  const counts = [
    ['created', upload.created],
    ['updated', upload.updated],
    ['unchanged', upload.unchanged],
    ['removed', upload.removed],
    ['errors', upload.errorCount],
  ] as const;

  return (
    <Stack gap="md">
      <Alert color={applied ? 'green' : hasErrors ? 'orange' : 'indigo'} role="status">
        {applied
          ? t('targets.import.appliedNote', { date: format.dateTime(upload.finishedAt) })
          : hasErrors
            ? t('targets.import.checkedWithErrors', { count: upload.errorCount })
            : t('targets.import.checkedClean')}
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {counts.map(([name, n]) => (
          <Stack key={name} gap={0}>
            <Text size="xl" fw={700}>
              {format.number(n)}
            </Text>
            <Text size="sm" c="dimmed">
              {t(
                `targets.import.count.${applied ? 'applied' : 'checked'}.${name === 'removed' ? `removed.${upload.missing}` : name}`,
              )}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {hasErrors && <ImportErrors upload={upload} />}
      {!applied && (
        <Group>
          <Button onClick={() => void askApply()} loading={apply.isPending} disabled={nothingValid}>
            {hasErrors ? t('targets.import.applyValid') : t('targets.import.apply')}
          </Button>
          <Button variant="default" onClick={onRemap}>
            {t('targets.import.remap')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The rows in error (the server keeps the first 1,000), paged here. */
function ImportErrors({ upload }: { upload: TargetImport }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const rows = upload.errors.map((e, i) => ({ ...e, id: `${i}` }));
  return (
    <Stack gap="xs">
      {upload.errorCount > upload.errors.length && (
        <Text size="sm" c="dimmed">
          {t('targets.import.firstErrors', {
            shown: format.number(upload.errors.length),
            total: format.number(upload.errorCount),
          })}
        </Text>
      )}
      <ServerTable<(typeof rows)[number]>
        label={t('targets.import.errorsTitle')}
        data={{ items: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: rows.length }}
        fetching={false}
        page={page}
        onPageChange={setPage}
        columns={[
          { accessor: 'row', title: t('targets.import.row'), width: 90 },
          {
            accessor: 'field',
            title: t('targets.import.fieldColumn'),
            width: 200,
            render: (e) =>
              e.field === 'row'
                ? t('targets.import.wholeRow')
                : t(`targets.import.field.${e.field}`, { defaultValue: e.field }),
          },
          { accessor: 'message', title: t('targets.import.message') },
        ]}
      />
    </Stack>
  );
}
