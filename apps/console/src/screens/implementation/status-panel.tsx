import { Alert, Anchor, Badge, Button, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LoadError, Loading, notifyError, notifySuccess } from '../../components/feedback';
import { useOrg } from '../../session/org';
import type { HistoryEntry, StatusDetail, StatusValue } from './implementation-queries';
import { detailQuery, implementationKeys, STATUS_COLOURS } from './implementation-queries';
import { StatusForm } from './status-form';

export function StatusBadge({ status }: { status: StatusValue }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" size="sm">
      {t(`implementation.status.${status}`)}
    </Badge>
  );
}

/** One recommendation in one country: who answers for it, the editor, a pending proposal to decide, the history. */
export function StatusPanel({ recommendationId, country }: { recommendationId: string; country: string }): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const detail = useQuery(detailQuery(org, recommendationId, country));
  if (detail.error) return <LoadError error={detail.error} retry={() => void detail.refetch()} />;
  if (!detail.data) return <Loading />;
  const d = detail.data;
  return (
    <Stack gap="md">
      <Text size="sm">{d.recommendation.title}</Text>
      <Group gap="xs">
        <StatusBadge status={d.status} />
        <Text size="sm">
          {d.responsible.length > 0
            ? t('implementation.responsibleList', { names: d.responsible.map((r) => r.targetName).join(', ') })
            : t('implementation.noResponsible')}
        </Text>
      </Group>
      {d.pendingProposal && <PendingProposal org={org} detail={d} canDecide={can('implementation.manage')} />}
      {can('implementation.manage') && (
        <StatusForm key={`${d.version}-${d.pendingProposal?.id ?? ''}`} org={org} detail={d} />
      )}
      <History entries={d.history} />
    </Stack>
  );
}

function PendingProposal({
  org,
  detail,
  canDecide,
}: {
  org: string;
  detail: StatusDetail;
  canDecide: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const proposal = detail.pendingProposal as NonNullable<StatusDetail['pendingProposal']>;
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      unwrap(
        decision === 'approve'
          ? api.POST('/api/orgs/{orgSlug}/implementation/proposals/{proposalId}/approve', {
              params: { path: { orgSlug: org, proposalId: proposal.id } },
              body: { comment: comment.trim() },
            })
          : api.POST('/api/orgs/{orgSlug}/implementation/proposals/{proposalId}/reject', {
              params: { path: { orgSlug: org, proposalId: proposal.id } },
              body: { comment: comment.trim() },
            }),
      ),
    onSuccess: (_, decision) => {
      void queryClient.invalidateQueries({ queryKey: implementationKeys(org) });
      notifySuccess(t(decision === 'approve' ? 'implementation.approved' : 'implementation.rejected'));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  return (
    <Alert color="yellow" title={t('implementation.pendingTitle')}>
      <Stack gap="xs">
        <Text size="sm">
          {t('implementation.proposedBy', {
            name: proposal.proposedBy.name || '—',
            date: proposal.proposedAt.slice(0, 10),
          })}
        </Text>
        <Group gap="xs">
          <StatusBadge status={proposal.proposed.status} />
          {proposal.comment && <Text size="sm">{proposal.comment}</Text>}
        </Group>
        {canDecide && (
          <>
            <Textarea
              label={t('implementation.decisionComment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              maxLength={2000}
              autosize
            />
            <Group>
              <Button size="compact-sm" onClick={() => decide.mutate('approve')} loading={decide.isPending}>
                {t('implementation.approve')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => decide.mutate('reject')}
                loading={decide.isPending}
              >
                {t('implementation.reject')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('implementation.reviewRule')}
            </Text>
          </>
        )}
      </Stack>
    </Alert>
  );
}

/** Every event, newest first: who did what, the status before and after, the links of the state set. */
function History({ entries }: { entries: HistoryEntry[] }): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-label={t('implementation.history')}>
      <Title order={2} size="h4">
        {t('implementation.history')}
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('implementation.noHistory')}
        </Text>
      ) : (
        <List size="sm" spacing="xs">
          {[...entries].reverse().map((h) => (
            <List.Item key={h.seq}>
              <Stack gap={2}>
                <Text size="sm">
                  {t(`implementation.event.${h.event}`, {
                    name: h.actor.name || '—',
                    date: h.at.slice(0, 16).replace('T', ' '),
                  })}
                </Text>
                <Group gap="xs">
                  {h.before && <StatusBadge status={h.before.status} />}
                  {h.before && <Text size="sm">→</Text>}
                  <StatusBadge status={h.after.status} />
                  {h.comment && <Text size="sm">{h.comment}</Text>}
                </Group>
                {h.after.evidence.length > 0 && (
                  <Group gap="xs">
                    {h.after.evidence.map((e) => (
                      <Anchor key={e.url} href={e.url} target="_blank" rel="noreferrer" size="xs" title={e.supports}>
                        {e.supports || e.url}
                      </Anchor>
                    ))}
                  </Group>
                )}
              </Stack>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
