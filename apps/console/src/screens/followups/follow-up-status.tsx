import { Badge, Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useOrg } from '../../session/org';
import type { FollowUp, FollowUpStatus } from './follow-up-queries';
import { followUpKeys } from './follow-up-queries';

/** Open (overdue in red), done or cancelled. */
export function FollowUpStatusBadge({ row }: { row: FollowUp }): ReactNode {
  const { t } = useTranslation();
  if (row.overdue) return <Badge color="red.8">{t('followups.overdue')}</Badge>;
  const color = row.status === 'open' ? 'blue.8' : row.status === 'done' ? 'green.8' : 'gray.7';
  return <Badge color={color}>{t(`followups.status.${row.status}`)}</Badge>;
}

/** Whether the member may close or reopen it: the owner, or a coordinator or admin (the API decides the same). */
export function useMayClose(): (row: FollowUp) => boolean {
  const { me, can } = useOrg();
  return (row) =>
    can('followups.manage') || (can('followups.close') && me?.actor.kind === 'user' && me.actor.userId === row.ownerId);
}

/** Done / cancel for an open follow-up, reopen for a closed one. */
export function FollowUpStatusActions({ row, compact }: { row: FollowUp; compact?: boolean }): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const queryClient = useQueryClient();
  const mayClose = useMayClose();
  const change = useMutation({
    mutationFn: (status: FollowUpStatus) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/follow-ups/{followUpId}/status', {
          params: { path: { orgSlug: org, followUpId: row.id } },
          body: { status },
        }),
      ),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: followUpKeys(org) });
      notifySuccess(t(`followups.statusChanged.${saved.status}`, { title: saved.title }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  if (!mayClose(row)) return null;
  const size = compact ? 'compact-xs' : 'sm';
  const of = { title: row.title };
  return (
    <Group gap={4} wrap="nowrap">
      {row.status === 'open' ? (
        <>
          <Button
            size={size}
            aria-label={t('followups.markDoneOf', of)}
            loading={change.isPending}
            onClick={() => change.mutate('done')}
          >
            {t('followups.markDone')}
          </Button>
          <Button
            size={size}
            variant="default"
            aria-label={t('followups.cancelOf', of)}
            onClick={() => change.mutate('cancelled')}
          >
            {t('followups.cancelIt')}
          </Button>
        </>
      ) : (
        <Button
          size={size}
          variant="default"
          aria-label={t('followups.reopenOf', of)}
          loading={change.isPending}
          onClick={() => change.mutate('open')}
        >
          {t('followups.reopen')}
        </Button>
      )}
    </Group>
  );
}
