import { Badge, Button, Group, Modal, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { LoadError, Loading, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { EscalationRuleForm } from './escalation-rule-form';
import type { EscalationRule } from './follow-up-queries';
import { escalationRulesQuery, escalationRunsQuery, followUpKeys } from './follow-up-queries';
import { FollowUpTabs } from './follow-up-tabs';

type Editing = { row: EscalationRule | null } | null;

/** The campaigns' escalation rules: what happens when a target stays silent, and what each rule did so far. */
export function EscalationRulesScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/follow-ups/escalations' });
  const navigate = useNavigate({ from: '/o/$org/follow-ups/escalations' });
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [history, setHistory] = useState<EscalationRule | null>(null);
  const page = search.page ?? 1;
  const list = useQuery(escalationRulesQuery(org, page));
  const manage = can('followups.manage');
  const remove = useMutation({
    mutationFn: (row: EscalationRule) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/escalation-rules/{escalationRuleId}', {
          params: { path: { orgSlug: org, escalationRuleId: row.id } },
        }),
      ),
    onSuccess: (_, row) => {
      void queryClient.invalidateQueries({ queryKey: followUpKeys(org) });
      notifySuccess(t('followups.escalations.deleted', { name: row.name }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askDelete = async (row: EscalationRule): Promise<void> => {
    const ok = await confirmAction({
      title: t('followups.escalations.deleteTitle'),
      message: t('followups.escalations.deleteMessage', { name: row.name }),
      confirmLabel: t('followups.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate(row);
  };

  return (
    <Page
      title={t('followups.escalations.title')}
      actions={manage && <Button onClick={() => setEditing({ row: null })}>{t('followups.escalations.add')}</Button>}
    >
      <Text size="sm" c="dimmed">
        {t('followups.escalations.intro')}
      </Text>
      <FollowUpTabs org={org} current="escalations" />
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ServerTable<EscalationRule>
          label={t('followups.escalations.title')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { page: p } })}
          noRecordsText={t('followups.escalations.none')}
          columns={[
            { accessor: 'name', title: t('followups.escalations.name') },
            { accessor: 'campaignName', title: t('followups.campaign'), width: 180 },
            {
              accessor: 'days',
              title: t('followups.escalations.days'),
              width: 110,
              render: (r) => t('followups.escalations.afterDays', { days: r.days }),
            },
            {
              accessor: 'action',
              title: t('followups.escalations.action'),
              render: (r) => (
                <Group gap={6}>
                  <Text size="sm">{t(`followups.escalations.actions.${r.action}`)}</Text>
                  {!r.enabled && <Badge color="gray.7">{t('followups.escalations.disabled')}</Badge>}
                </Group>
              ),
            },
            {
              accessor: 'runs',
              title: t('followups.escalations.runs'),
              width: 120,
              render: (r) => (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-label={t('followups.escalations.historyOf', { name: r.name })}
                  onClick={() => setHistory(r)}
                >
                  {t('followups.escalations.runCount', { count: r.runs })}
                </Button>
              ),
            },
            ...(manage
              ? [
                  {
                    accessor: 'actions',
                    title: t('common.actions'),
                    width: 170,
                    render: (r: EscalationRule) => (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={t('followups.escalations.editOf', { name: r.name })}
                          onClick={() => setEditing({ row: r })}
                        >
                          {t('common.edit')}
                        </Button>
                        {r.runs === 0 && (
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={t('followups.escalations.deleteOf', { name: r.name })}
                            onClick={() => void askDelete(r)}
                          >
                            {t('followups.delete')}
                          </Button>
                        )}
                      </Group>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.row ? t('followups.escalations.editTitle') : t('followups.escalations.add')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
        size="lg"
      >
        {editing && <EscalationRuleForm row={editing.row} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal
        opened={history !== null}
        onClose={() => setHistory(null)}
        title={t('followups.escalations.historyTitle', { name: history?.name ?? '' })}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
        size="lg"
      >
        {history && <RunHistory org={org} rule={history} />}
      </Modal>
    </Page>
  );
}

function RunHistory({ org, rule }: { org: string; rule: EscalationRule }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const runs = useQuery(escalationRunsQuery(org, rule.id));
  if (runs.error) return <LoadError error={runs.error} retry={() => void runs.refetch()} />;
  if (!runs.data) return <Loading />;
  if (runs.data.items.length === 0) return <Text size="sm">{t('followups.escalations.noRuns')}</Text>;
  return (
    <Table aria-label={t('followups.escalations.runs')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('followups.escalations.target')}</Table.Th>
          <Table.Th>{t('followups.escalations.deliveredAt')}</Table.Th>
          <Table.Th>{t('followups.escalations.ranAt')}</Table.Th>
          <Table.Th>{t('followups.escalations.outcome')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.data.items.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{r.targetName ?? '—'}</Table.Td>
            <Table.Td>{format.date(r.deliveredAt)}</Table.Td>
            <Table.Td>{format.dateTime(r.ranAt)}</Table.Td>
            <Table.Td>
              {r.followUpId ? (
                <AnchorLink size="sm" to="/o/$org/follow-ups/$followUpId" params={{ org, followUpId: r.followUpId }}>
                  {t(`followups.escalations.outcomes.${r.outcome}`)}
                </AnchorLink>
              ) : (
                t(`followups.escalations.outcomes.${r.outcome}`)
              )}
              {r.detail && (
                <Text size="xs" c="dimmed">
                  {r.detail}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
