import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { ServerTable } from '../../components/server-table';
import type { HeldSubmission } from './letter-queries';
import { heldQuery } from './letter-queries';

type Decision = 'release' | 'reject';
const ROUTES = {
  release: '/api/orgs/{orgSlug}/letter-actions/{actionId}/submissions/{submissionId}/release',
  reject: '/api/orgs/{orgSlug}/letter-actions/{actionId}/submissions/{submissionId}/reject',
} as const;

/**
 * Personalised letters nearly identical to others, held rather than blocked: someone reads them and releases them
 * to the queue or rejects them (their letters are cancelled).
 */
export function HeldReview({
  org,
  actionId,
  manage,
  onDecided,
}: {
  org: string;
  actionId: string;
  manage: boolean;
  onDecided: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const held = useQuery(heldQuery(org, actionId, page));
  const decide = useMutation({
    mutationFn: ({ submission, decision }: { submission: HeldSubmission; decision: Decision }) =>
      unwrap(
        api.POST(ROUTES[decision], {
          params: { path: { orgSlug: org, actionId, submissionId: submission.id } },
        }),
      ),
    onSuccess: (r, { submission, decision }) => {
      onDecided();
      notifySuccess(
        t(decision === 'release' ? 'letters.held.released' : 'letters.held.rejected', {
          count: r.letters,
          name: submission.supporterName,
        }),
      );
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const reject = async (submission: HeldSubmission): Promise<void> => {
    const confirmed = await confirmAction({
      title: t('letters.held.rejectTitle'),
      message: t('letters.held.rejectMessage', { name: submission.supporterName, count: submission.letters }),
      confirmLabel: t('letters.held.reject'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (confirmed) decide.mutate({ submission, decision: 'reject' });
  };

  if (held.error) return <LoadError error={held.error} retry={() => void held.refetch()} />;
  if (held.data?.total === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('letters.held.none')}
      </Text>
    );
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('letters.held.hint')}
      </Text>
      <ServerTable<HeldSubmission>
        label={t('letters.held.title')}
        data={held.data}
        fetching={held.isFetching}
        page={page}
        onPageChange={setPage}
        columns={[
          { accessor: 'supporterName', title: t('letters.letter.supporter'), width: 180 },
          {
            accessor: 'paragraph',
            title: t('letters.held.text'),
            render: (s) => (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
                {s.editedBody ?? s.paragraph}
              </Text>
            ),
          },
          {
            accessor: 'similar',
            title: t('letters.held.similar'),
            render: (s) => t('letters.held.similarCount', { count: s.similar, letters: s.letters }),
            width: 200,
          },
          {
            accessor: 'createdAt',
            title: t('common.created'),
            render: (s) => format.dateTime(s.createdAt),
            width: 170,
          },
          ...(manage
            ? [
                {
                  accessor: 'id',
                  title: t('common.actions'),
                  width: 220,
                  render: (s: HeldSubmission) => (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        aria-label={t('letters.held.releaseFor', { name: s.supporterName })}
                        loading={decide.isPending && decide.variables?.submission.id === s.id}
                        onClick={() => decide.mutate({ submission: s, decision: 'release' })}
                      >
                        {t('letters.held.release')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('letters.held.rejectFor', { name: s.supporterName })}
                        onClick={() => void reject(s)}
                      >
                        {t('letters.held.reject')}
                      </Button>
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Stack>
  );
}
