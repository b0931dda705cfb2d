import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { Loading, LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { Section } from '../../components/section';
import { ServerTable } from '../../components/server-table';
import { HeldReview } from './held-review';
import type { DeliveryStatus, LetterAction, LetterSummary, TargetDelivery } from './letter-queries';
import { DELIVERY_STATUSES, deliveryQuery, letterKeys, lettersQuery, LIVE_DELIVERY_MS } from './letter-queries';
import { DeliveryStatusBadge, TestModeBadge } from './letter-status';
import { LetterView } from './letter-view';
import { TargetDeliveryTable } from './target-delivery-table';

/**
 * Where the action's letters are: counts by status, per target (with cancel and requeue for those who manage), every
 * letter with what was sent, and the near-identical ones held for review. Re-read every few seconds while open.
 */
export function LetterDelivery({
  org,
  action,
  manage,
}: {
  org: string;
  action: LetterAction;
  manage: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const live = action.status === 'open' ? LIVE_DELIVERY_MS : undefined;
  const delivery = useQuery({ ...deliveryQuery(org, action.id), refetchInterval: live });
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [targetId, setTargetId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const letters = useQuery({
    ...lettersQuery(org, { actionId: action.id, status, targetId, page }),
    refetchInterval: live,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...letterKeys(org), 'action', action.id] });

  const cancel = useMutation({
    mutationFn: (row: TargetDelivery) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/letter-actions/{actionId}/targets/{targetId}/cancel', {
          params: { path: { orgSlug: org, actionId: action.id, targetId: row.targetId } },
        }),
      ),
    onSuccess: (r, row) => {
      refresh();
      notifySuccess(t('letters.delivery.cancelled', { count: r.cancelled, name: row.targetName }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const requeue = useMutation({
    mutationFn: (row: TargetDelivery) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/letter-actions/{actionId}/targets/{targetId}/requeue', {
          params: { path: { orgSlug: org, actionId: action.id, targetId: row.targetId } },
        }),
      ),
    onSuccess: (r, row) => {
      refresh();
      notifySuccess(t('letters.delivery.requeued', { count: r.letters, name: row.targetName }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askCancel = async (row: TargetDelivery): Promise<void> => {
    const confirmed = await confirmAction({
      title: t('letters.delivery.cancelTitle', { name: row.targetName }),
      message: t('letters.delivery.cancelMessage', { name: row.targetName }),
      confirmLabel: t('letters.delivery.cancelButton'),
      cancelLabel: t('letters.delivery.keep'),
      danger: true,
    });
    if (confirmed) cancel.mutate(row);
  };
  const filter = (change: { status?: DeliveryStatus; targetId?: string }) => {
    if ('status' in change) setStatus(change.status);
    if ('targetId' in change) setTargetId(change.targetId);
    setPage(1);
  };

  if (delivery.error) return <LoadError error={delivery.error} retry={() => void delivery.refetch()} />;
  if (!delivery.data) return <Loading />;
  const counts = delivery.data.statuses.filter((s) => s.count > 0);
  const targets = delivery.data.targets;

  return (
    <Stack gap="lg">
      <Section title={t('letters.delivery.byStatus')} live>
        {counts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('letters.delivery.noLetters')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
            {counts.map((s) => (
              <Paper component="li" withBorder p="sm" key={s.status}>
                <UnstyledButton
                  onClick={() => filter({ status: s.status })}
                  aria-label={t('letters.delivery.showStatus', {
                    status: t(`letters.delivery.status.${s.status}`),
                    count: s.count,
                  })}
                >
                  <Text size="xl" fw={700}>
                    {format.number(s.count)}
                  </Text>
                  <DeliveryStatusBadge status={s.status} />
                </UnstyledButton>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </Section>

      <Section title={t('letters.delivery.byTarget')}>
        <TargetDeliveryTable
          caption={t('letters.delivery.byTarget')}
          rows={targets}
          name={(row) => (
            <Anchor component="button" type="button" onClick={() => filter({ targetId: row.targetId })}>
              {row.targetName}
            </Anchor>
          )}
          actions={
            manage
              ? (row) => (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      color="red"
                      disabled={row.pending + row.held === 0}
                      loading={cancel.isPending && cancel.variables?.targetId === row.targetId}
                      aria-label={t('letters.delivery.cancelFor', { name: row.targetName })}
                      onClick={() => void askCancel(row)}
                    >
                      {t('letters.delivery.cancel')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      disabled={row.held === 0}
                      loading={requeue.isPending && requeue.variables?.targetId === row.targetId}
                      aria-label={t('letters.delivery.requeueFor', { name: row.targetName })}
                      onClick={() => requeue.mutate(row)}
                    >
                      {t('letters.delivery.requeue')}
                    </Button>
                  </Group>
                )
              : undefined
          }
        />
      </Section>

      <Section title={t('letters.delivery.letters')}>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('letters.delivery.statusFilter')}
            data={[
              { value: 'all', label: t('letters.allStatuses') },
              ...DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`letters.delivery.status.${s}`) })),
            ]}
            value={status ?? 'all'}
            onChange={(v) => filter({ status: v && v !== 'all' ? (v as DeliveryStatus) : undefined })}
            allowDeselect={false}
            w={220}
          />
          <Select
            label={t('letters.delivery.targetFilter')}
            data={[
              { value: 'all', label: t('letters.delivery.allTargets') },
              ...targets.map((r) => ({ value: r.targetId, label: r.targetName })),
            ]}
            value={targetId ?? 'all'}
            onChange={(v) => filter({ targetId: v && v !== 'all' ? v : undefined })}
            allowDeselect={false}
            searchable
            w={280}
          />
        </Group>
        {letters.error ? (
          <LoadError error={letters.error} retry={() => void letters.refetch()} />
        ) : (
          <ServerTable<LetterSummary>
            label={t('letters.delivery.letters')}
            data={letters.data}
            fetching={letters.isFetching && !letters.data}
            page={page}
            onPageChange={setPage}
            noRecordsText={t('letters.delivery.noMatch')}
            columns={[
              {
                accessor: 'subject',
                title: t('letters.letter.subject'),
                render: (l) => (
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component="button" type="button" ta="start" onClick={() => setOpen(l.id)}>
                      {l.subject}
                    </Anchor>
                    {l.testMode && <TestModeBadge />}
                  </Group>
                ),
              },
              { accessor: 'supporterName', title: t('letters.letter.supporter') },
              {
                accessor: 'targetName',
                title: t('letters.delivery.target'),
                render: (l) => (
                  <Stack gap={0}>
                    <Text size="sm">{l.targetName}</Text>
                    <Text size="xs" c="dimmed">
                      {l.recipient}
                    </Text>
                  </Stack>
                ),
              },
              {
                accessor: 'status',
                title: t('letters.statusField'),
                render: (l) => (
                  <Stack gap={2}>
                    <DeliveryStatusBadge status={l.status} />
                    {l.statusReason && <Text size="xs">{l.statusReason}</Text>}
                    {l.status === 'waiting' && l.notBefore && (
                      <Text size="xs" c="dimmed">
                        {t('letters.delivery.notBefore', { date: format.dateTime(l.notBefore) })}
                      </Text>
                    )}
                  </Stack>
                ),
              },
              {
                accessor: 'sentAt',
                title: t('letters.delivery.when'),
                render: (l) => format.dateTime(l.sentAt ?? l.createdAt),
                width: 170,
              },
            ]}
          />
        )}
      </Section>

      <Section title={t('letters.held.title')}>
        <HeldReview org={org} actionId={action.id} manage={manage} onDecided={refresh} />
      </Section>
      <LetterView org={org} letterId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
