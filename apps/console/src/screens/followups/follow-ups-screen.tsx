import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { FollowUpForm } from './follow-up-form';
import type { FollowUp, FollowUpStatus } from './follow-up-queries';
import { FOLLOW_UP_STATUSES, followUpsQuery } from './follow-up-queries';
import { FollowUpStatusActions, FollowUpStatusBadge } from './follow-up-status';
import { FollowUpTabs } from './follow-up-tabs';
import { ReminderSettings } from './reminder-settings';

const ALL = 'all';
const OVERDUE = 'overdue';

/**
 * Follow-ups as a list: the member's own (the default: what they have to do) or everyone's, open ones first by
 * due day. Coordinators plan them; each owner marks theirs done.
 */
export function FollowUpsScreen(): ReactNode {
  const { t } = useTranslation();
  // Calendar days, not instants: read in UTC so that 2027-03-10 is the 10th in every browser's zone.
  const format = useFormat('UTC');
  const { org, can, me } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/follow-ups' });
  const navigate = useNavigate({ from: '/o/$org/follow-ups' });
  const [creating, setCreating] = useState(false);
  const [settings, setSettings] = useState(false);
  // A token has no member to own anything: it sees all.
  const view = search.view ?? (me?.actor.kind === 'user' ? 'mine' : 'all');
  const page = search.page ?? 1;
  const status = search.status === OVERDUE ? undefined : (search.status as FollowUpStatus | undefined);
  const list = useQuery({
    ...followUpsQuery(org, {
      mine: view === 'mine' || undefined,
      status: search.status === OVERDUE ? 'open' : (status ?? (search.status === ALL ? undefined : 'open')),
      overdue: search.status === OVERDUE || undefined,
      page,
    }),
    enabled: me !== undefined,
  });
  const manage = can('followups.manage');

  return (
    <Page
      title={view === 'mine' ? t('followups.titleMine') : t('followups.titleAll')}
      actions={
        <>
          <Button variant="default" onClick={() => setSettings(true)}>
            {t('followups.reminders')}
          </Button>
          {manage && <Button onClick={() => setCreating(true)}>{t('followups.add')}</Button>}
        </>
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('followups.intro')}
        </Text>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <FollowUpTabs org={org} current={view} />
          <Select
            label={t('followups.statusField')}
            data={[
              { value: 'open', label: t('followups.status.open') },
              { value: OVERDUE, label: t('followups.overdue') },
              ...FOLLOW_UP_STATUSES.filter((s) => s !== 'open').map((s) => ({
                value: s,
                label: t(`followups.status.${s}`),
              })),
              { value: ALL, label: t('followups.allStatuses') },
            ]}
            value={search.status ?? 'open'}
            onChange={(v) =>
              void navigate({
                search: { ...search, status: (v ?? 'open') as typeof search.status, page: undefined },
              })
            }
            allowDeselect={false}
            w={200}
          />
        </Group>
      </Stack>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ServerTable<FollowUp>
          label={view === 'mine' ? t('followups.titleMine') : t('followups.titleAll')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
          noRecordsText={t('followups.noMatch')}
          columns={[
            { accessor: 'dueOn', title: t('followups.dueOn'), width: 120, render: (r) => format.date(r.dueOn) },
            {
              accessor: 'title',
              title: t('followups.titleField'),
              render: (r) => (
                <Stack gap={2}>
                  <AnchorLink size="sm" to="/o/$org/follow-ups/$followUpId" params={{ org, followUpId: r.id }}>
                    {r.title}
                  </AnchorLink>
                  {(r.campaignName || r.targets.length > 0) && (
                    <Text size="xs" c="dimmed">
                      {[r.campaignName, ...r.targets.map((x) => x.name)].filter(Boolean).join(' · ')}
                    </Text>
                  )}
                </Stack>
              ),
            },
            { accessor: 'ownerName', title: t('followups.owner'), width: 170 },
            {
              accessor: 'status',
              title: t('followups.statusField'),
              width: 120,
              render: (r) => <FollowUpStatusBadge row={r} />,
            },
            {
              accessor: 'actions',
              title: t('common.actions'),
              width: 190,
              render: (r) => <FollowUpStatusActions row={r} compact />,
            },
          ]}
        />
      )}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('followups.addTitle')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
        size="lg"
      >
        {creating && <FollowUpForm row={null} onDone={() => setCreating(false)} />}
      </Modal>
      <Modal
        opened={settings}
        onClose={() => setSettings(false)}
        title={t('followups.remindersTitle')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        {settings && <ReminderSettings />}
      </Modal>
    </Page>
  );
}
