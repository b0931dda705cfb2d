import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { showFieldErrors } from '../../components/forms';
import { ServerTable } from '../../components/server-table';
import { paperSignaturesQuery, petitionKeys } from './petition-queries';

type Batch = Schemas['PaperSignatureBatchResponse'];

/** Signatures gathered on paper (a stall, a school): counted with the online ones; each batch notes its source. */
export function PaperSignatures({
  org,
  petitionId,
  canAdd,
}: {
  org: string;
  petitionId: string;
  canAdd: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const list = useQuery(paperSignaturesQuery(org, petitionId, page));
  return (
    <Stack gap="md">
      {canAdd && <AddPaperSignatures org={org} petitionId={petitionId} />}
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ServerTable<Batch>
          label={t('petitions.paper.title')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={setPage}
          noRecordsText={t('petitions.paper.none')}
          columns={[
            {
              accessor: 'createdAt',
              title: t('petitions.paper.added'),
              render: (b) => format.dateTime(b.createdAt),
              width: 200,
            },
            { accessor: 'count', title: t('petitions.paper.count'), render: (b) => format.number(b.count), width: 140 },
            { accessor: 'sourceNote', title: t('petitions.paper.source') },
          ]}
        />
      )}
    </Stack>
  );
}

function AddPaperSignatures({ org, petitionId }: { org: string; petitionId: string }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ count: number | string; sourceNote: string }>({
    initialValues: { count: '', sourceNote: '' },
    validate: {
      count: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? null : t('petitions.paper.countRule')),
      sourceNote: (v) => (v.trim() ? null : t('shared:errors.required')),
    },
  });
  const add = useMutation({
    mutationFn: (v: { count: number; sourceNote: string }) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/petitions/{petitionId}/paper-signatures', {
          params: { path: { orgSlug: org, petitionId } },
          body: v,
        }),
      ),
    onSuccess: (batch) => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: [...petitionKeys(org), petitionId] });
      void queryClient.invalidateQueries({ queryKey: [...petitionKeys(org), 'list'] });
      notifySuccess(t('petitions.paper.addedNotice', { count: batch.count }));
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((v) => add.mutate({ count: Number(v.count), sourceNote: v.sourceNote.trim() }))}
      noValidate
    >
      <Group align="flex-start" wrap="wrap">
        <NumberInput
          label={t('petitions.paper.count')}
          required
          min={1}
          allowDecimal={false}
          w={160}
          {...form.getInputProps('count')}
        />
        <TextInput
          label={t('petitions.paper.source')}
          description={t('petitions.paper.sourceHint')}
          required
          maxLength={500}
          style={{ flex: 1, minWidth: 240 }}
          {...form.getInputProps('sourceNote')}
        />
        <Button type="submit" mt={24} loading={add.isPending}>
          {t('petitions.paper.add')}
        </Button>
      </Group>
    </form>
  );
}
