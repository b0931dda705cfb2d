import { Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError, notifySuccess } from '../../components/feedback';
import type { Petition, PetitionStatus } from './petition-queries';
import { petitionKeys, petitionQuery } from './petition-queries';

type Action = 'open' | 'close' | 'reopen' | 'deliver';

/** Which actions a status allows: the server's rule, mirrored so only possible actions are offered. */
export const ACTIONS_FROM: Record<PetitionStatus, Action[]> = {
  draft: ['open'],
  open: ['close'],
  closed: ['reopen', 'deliver'],
  delivered: [],
};

const ROUTES = {
  open: '/api/orgs/{orgSlug}/petitions/{petitionId}/open',
  close: '/api/orgs/{orgSlug}/petitions/{petitionId}/close',
  reopen: '/api/orgs/{orgSlug}/petitions/{petitionId}/reopen',
  deliver: '/api/orgs/{orgSlug}/petitions/{petitionId}/deliver',
} as const;

/** Open, close, reopen, mark delivered: each after a confirmation saying what supporters will see. */
export function PetitionLifecycle({ org, petition }: { org: string; petition: Petition }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (action: Action) =>
      unwrap(api.POST(ROUTES[action], { params: { path: { orgSlug: org, petitionId: petition.id } } })),
    onSuccess: (updated, action) => {
      queryClient.setQueryData(petitionQuery(org, petition.id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: petitionKeys(org) });
      notifySuccess(t(`petitions.lifecycle.${action}.done`, { title: updated.title }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });

  const ask = async (action: Action): Promise<void> => {
    const confirmed = await confirmAction({
      title: t(`petitions.lifecycle.${action}.title`),
      message: t(`petitions.lifecycle.${action}.message`, { title: petition.title }),
      confirmLabel: t(`petitions.lifecycle.${action}.button`),
      cancelLabel: t('common.cancel'),
      danger: action === 'close',
    });
    if (confirmed) move.mutate(action);
  };

  return (
    <Group gap="sm">
      {ACTIONS_FROM[petition.status].map((action) => (
        <Button
          key={action}
          variant={action === 'open' || action === 'deliver' ? 'filled' : 'default'}
          loading={move.isPending && move.variables === action}
          onClick={() => void ask(action)}
        >
          {t(`petitions.lifecycle.${action}.button`)}
        </Button>
      ))}
    </Group>
  );
}
