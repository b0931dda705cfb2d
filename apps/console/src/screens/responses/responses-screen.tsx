import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { campaignQuery } from '../campaigns/campaign-queries';
import { targetQuery } from '../targets/target-queries';
import { ResponseForm } from './response-form';
import type { Response, ResponseChannel, ResponseStance, ResponseStatus } from './response-queries';
import { CHANNELS, responseKeys, responsesQuery, STANCES, STATUSES } from './response-queries';
import { StanceBadge } from './stance-badge';

const ALL = 'all';
const orAll = <T extends string>(v: string | null): T | undefined => (v && v !== ALL ? (v as T) : undefined);
type Editing = { row: Response | null } | null;

/**
 * What targets answered: the log of one target or one campaign (from the address) or all of it, drafts drafted
 * from captured replies first so that classifying them is the first thing a coordinator sees.
 */
export function ResponsesScreen(): ReactNode {
  const { t } = useTranslation();
  // Calendar days, not instants: read in UTC so that 2026-06-03 is the 3rd in every browser's zone.
  const format = useFormat('UTC');
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/responses' });
  const navigate = useNavigate({ from: '/o/$org/responses' });
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const page = search.page ?? 1;
  const list = useQuery(responsesQuery(org, { ...search, page }));
  const campaign = useQuery({ ...campaignQuery(org, search.campaignId ?? ''), enabled: Boolean(search.campaignId) });
  const target = useQuery({ ...targetQuery(org, search.targetId ?? ''), enabled: Boolean(search.targetId) });
  const manage = can('responses.manage');
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });
  const title = search.targetId
    ? t('responses.titleOfTarget', { name: target.data?.name ?? '…' })
    : search.campaignId
      ? t('responses.titleOfCampaign', { name: campaign.data?.name ?? '…' })
      : t('responses.title');

  const remove = useMutation({
    mutationFn: (row: Response) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/responses/{responseId}', {
          params: { path: { orgSlug: org, responseId: row.id } },
        }),
      ),
    onSuccess: (_, row) => {
      void queryClient.invalidateQueries({ queryKey: responseKeys(org) });
      notifySuccess(t('responses.deleted', { target: row.targetName }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askDelete = async (row: Response): Promise<void> => {
    const ok = await confirmAction({
      title: t('responses.deleteTitle'),
      message: t('responses.deleteMessage', { target: row.targetName, date: format.date(row.occurredOn) }),
      confirmLabel: t('responses.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate(row);
  };

  return (
    <Page
      title={title}
      actions={manage && <Button onClick={() => setEditing({ row: null })}>{t('responses.add')}</Button>}
    >
      <Group gap="md" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('responses.intro')}
        </Text>
        {(search.campaignId || search.targetId) && (
          <AnchorLink size="sm" to="/o/$org/responses" params={{ org }}>
            {t('responses.showAll')}
          </AnchorLink>
        )}
      </Group>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('responses.statusField')}
          data={[
            { value: ALL, label: t('responses.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`responses.status.${s}`) })),
          ]}
          value={search.status ?? ALL}
          onChange={(v) => set({ status: orAll<ResponseStatus>(v) })}
          allowDeselect={false}
          w={200}
        />
        <Select
          label={t('responses.stanceField')}
          data={[
            { value: ALL, label: t('responses.allStances') },
            ...STANCES.map((s) => ({ value: s, label: t(`responses.stance.${s}`) })),
          ]}
          value={search.stance ?? ALL}
          onChange={(v) => set({ stance: orAll<ResponseStance>(v) })}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('responses.channelField')}
          data={[
            { value: ALL, label: t('responses.allChannels') },
            ...CHANNELS.map((c) => ({ value: c, label: t(`responses.channel.${c}`) })),
          ]}
          value={search.channel ?? ALL}
          onChange={(v) => set({ channel: orAll<ResponseChannel>(v) })}
          allowDeselect={false}
          w={220}
        />
      </Group>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ServerTable<Response>
          label={t('responses.title')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
          noRecordsText={t('responses.noMatch')}
          columns={[
            {
              accessor: 'occurredOn',
              title: t('responses.occurredOn'),
              width: 110,
              render: (r) => format.date(r.occurredOn),
            },
            {
              accessor: 'targetName',
              title: t('responses.target'),
              width: 190,
              render: (r) => (
                <Stack gap={2}>
                  <AnchorLink size="sm" to="/o/$org/targets/$targetId" params={{ org, targetId: r.targetId }}>
                    {r.targetName}
                  </AnchorLink>
                  {r.campaignName && (
                    <Text size="xs" c="dimmed">
                      {r.campaignName}
                    </Text>
                  )}
                </Stack>
              ),
            },
            {
              accessor: 'channel',
              title: t('responses.channelField'),
              width: 140,
              render: (r) => t(`responses.channel.${r.channel}`),
            },
            {
              accessor: 'stance',
              title: t('responses.stanceField'),
              width: 150,
              render: (r) => <StanceBadge row={r} />,
            },
            { accessor: 'summary', title: t('responses.summary'), render: (r) => <Summary row={r} /> },
            ...(manage
              ? [
                  {
                    accessor: 'actions',
                    title: t('common.actions'),
                    width: 180,
                    render: (r: Response) => {
                      const of = { target: r.targetName, date: format.date(r.occurredOn) };
                      return (
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant={r.status === 'draft' ? 'filled' : 'default'}
                            aria-label={t(r.status === 'draft' ? 'responses.classifyOf' : 'responses.editOf', of)}
                            onClick={() => setEditing({ row: r })}
                          >
                            {r.status === 'draft' ? t('responses.classify') : t('common.edit')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={t('responses.deleteOf', of)}
                            onClick={() => void askDelete(r)}
                          >
                            {t('responses.delete')}
                          </Button>
                        </Group>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          !editing?.row
            ? t('responses.addTitle')
            : editing.row.status === 'draft'
              ? t('responses.classifyTitle')
              : t('responses.editTitle')
        }
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
        size="lg"
      >
        {editing && (
          <ResponseForm
            org={org}
            row={editing.row}
            defaults={{ targetId: search.targetId, campaignId: search.campaignId }}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Page>
  );
}

/** What was said; a draft not yet summarised shows the reply it came from, so it can be told apart. */
function Summary({ row }: { row: Response }): ReactNode {
  const { t } = useTranslation();
  const reply = row.messages[0];
  return (
    <Stack gap={2}>
      {row.summary ? (
        <Text size="sm" lineClamp={3}>
          {row.summary}
        </Text>
      ) : reply ? (
        <Text size="sm" c="dimmed">
          {t('responses.replyFrom', { from: reply.fromAddress ?? '—', subject: reply.subject || '—' })}
        </Text>
      ) : null}
      {row.recommendations.length > 0 && (
        <Text size="xs" c="dimmed">
          {row.recommendations.map((r) => r.code).join(', ')}
        </Text>
      )}
    </Stack>
  );
}
