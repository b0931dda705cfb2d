import { Anchor, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { Loading, LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { FollowUpForm } from './follow-up-form';
import { followUpKeys, followUpQuery } from './follow-up-queries';
import { FollowUpStatusActions, FollowUpStatusBadge } from './follow-up-status';

/** One follow-up, where the reminder mail leads: what, by when, who, what it is about; edit for coordinators. */
export function FollowUpDetailScreen(): ReactNode {
  const { t } = useTranslation();
  const format = useFormat('UTC');
  const { org, can } = useOrg();
  const { followUpId } = useParams({ from: '/authed/o/$org/follow-ups/$followUpId' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const found = useQuery(followUpQuery(org, followUpId));
  const manage = can('followups.manage');
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/follow-ups/{followUpId}', {
          params: { path: { orgSlug: org, followUpId } },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: followUpKeys(org) });
      notifySuccess(t('followups.deleted', { title: found.data?.title ?? '' }));
      void navigate({ to: '/o/$org/follow-ups', params: { org }, search: { view: 'all' } });
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });

  if (found.error) return <LoadError error={found.error} retry={() => void found.refetch()} />;
  const row = found.data;
  if (!row) return <Loading />;
  const askDelete = async (): Promise<void> => {
    const ok = await confirmAction({
      title: t('followups.deleteTitle'),
      message: t('followups.deleteMessage', { title: row.title }),
      confirmLabel: t('followups.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate();
  };

  return (
    <Page
      title={row.title}
      actions={
        <>
          <FollowUpStatusActions row={row} />
          {manage && !editing && (
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {manage && (
            <Button variant="default" color="red" onClick={() => void askDelete()}>
              {t('followups.delete')}
            </Button>
          )}
        </>
      }
    >
      <AnchorLink size="sm" to="/o/$org/follow-ups" params={{ org }}>
        {t('followups.back')}
      </AnchorLink>
      {editing ? (
        <Card withBorder>
          <FollowUpForm row={row} onDone={() => setEditing(false)} />
        </Card>
      ) : (
        <Card withBorder>
          <Stack gap="xs">
            <Group gap="sm">
              <FollowUpStatusBadge row={row} />
              <Text size="sm">{t('followups.dueOnDay', { date: format.date(row.dueOn) })}</Text>
            </Group>
            <Text size="sm">
              {t('followups.ownedBy', { name: row.ownerName || t('followups.formerMember') })}
              {!row.ownerIsMember && ` — ${t('followups.ownerLeft')}`}
            </Text>
            {row.note && <Text size="sm">{row.note}</Text>}
            {row.campaignId && (
              <Text size="sm">
                {t('followups.campaign')}:{' '}
                <AnchorLink size="sm" to="/o/$org/campaigns/$campaignId" params={{ org, campaignId: row.campaignId }}>
                  {row.campaignName}
                </AnchorLink>
              </Text>
            )}
            {row.targets.length > 0 && (
              <Stack gap={2} component="section" aria-label={t('followups.targets')}>
                <Text size="sm" fw={500}>
                  {t('followups.targets')}
                </Text>
                <List size="sm">
                  {row.targets.map((x) => (
                    <List.Item key={x.id}>
                      <AnchorLink size="sm" to="/o/$org/targets/$targetId" params={{ org, targetId: x.id }}>
                        {x.name}
                      </AnchorLink>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
            {row.recommendations.length > 0 && (
              <Text size="sm">
                {t('followups.recommendations')}: {row.recommendations.map((r) => `${r.code} — ${r.title}`).join('; ')}
              </Text>
            )}
            {row.responses.length > 0 && (
              <Stack gap={2} component="section" aria-label={t('followups.responses')}>
                <Text size="sm" fw={500}>
                  {t('followups.responses')}
                </Text>
                <List size="sm">
                  {row.responses.map((r) => (
                    <List.Item key={r.id}>
                      <Anchor size="sm" href={`/console/o/${org}/responses`}>
                        {format.date(r.occurredOn)} · {r.targetName}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
          </Stack>
        </Card>
      )}
    </Page>
  );
}
