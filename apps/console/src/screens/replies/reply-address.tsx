import { Badge, Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useOrg } from '../../session/org';
import { inboundKeys } from './reply-queries';

/**
 * Whether a letter's reply address still takes mail; coordinators stop it when spam found it (Rally's server then
 * refuses it, other ways in send its mail to triage) and take it back. Its bounce address is never stopped.
 */
export function ReplyAddressControl({ letterId, revoked }: { letterId: string; revoked: boolean }): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (to: 'revoke' | 'restore') =>
      unwrap(
        to === 'revoke'
          ? api.POST('/api/orgs/{orgSlug}/inbound/letters/{letterId}/reply-address/revoke', {
              params: { path: { orgSlug: org, letterId } },
              body: {},
            })
          : api.POST('/api/orgs/{orgSlug}/inbound/letters/{letterId}/reply-address/restore', {
              params: { path: { orgSlug: org, letterId } },
            }),
      ),
    onSuccess: (answer) => {
      notifySuccess(t(answer.takesMail ? 'replies.address.restored' : 'replies.address.revoked'));
      void queryClient.invalidateQueries({ queryKey: inboundKeys(org) });
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const revoke = async (): Promise<void> => {
    const confirmed = await confirmAction({
      title: t('replies.address.revokeTitle'),
      message: t('replies.address.revokeMessage'),
      confirmLabel: t('replies.address.revoke'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (confirmed) change.mutate('revoke');
  };
  return (
    <Group gap="xs">
      {revoked && (
        <Badge color="gray" variant="light">
          {t('replies.address.stopped')}
        </Badge>
      )}
      {can('inbound.triage') &&
        (revoked ? (
          <Button
            size="compact-xs"
            variant="subtle"
            loading={change.isPending}
            onClick={() => change.mutate('restore')}
          >
            {t('replies.address.restore')}
          </Button>
        ) : (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            loading={change.isPending}
            onClick={() => void revoke()}
          >
            {t('replies.address.revoke')}
          </Button>
        ))}
    </Group>
  );
}
