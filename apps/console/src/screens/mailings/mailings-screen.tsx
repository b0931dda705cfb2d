import { Badge, Group, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import type { Mailing, MailingStatus } from './mailing-queries';
import { MAILING_STATUSES, mailingsQuery } from './mailing-queries';

const ALL = 'all';
const COLOURS: Record<MailingStatus, string> = {
  draft: 'gray',
  scheduled: 'blue',
  paused: 'yellow',
  cancelled: 'red',
  finished: 'green',
};

export function MailingStatusBadge({ status }: { status: MailingStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light">
      {t(`mailings.status.${status}`)}
    </Badge>
  );
}

/** Every mailing of the organisation, the latest changed first, with when each fires next. */
export function MailingsScreen(): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/mailings' });
  const navigate = useNavigate({ from: '/o/$org/mailings' });
  const page = search.page ?? 1;
  const list = useQuery(mailingsQuery(org, { status: search.status, page }));
  return (
    <Page
      title={t('mailings.title')}
      actions={
        can('mailings.manage') && (
          <ButtonLink to="/o/$org/mailings/new" params={{ org }}>
            {t('mailings.new')}
          </ButtonLink>
        )
      }
    >
      <Text size="sm" c="dimmed">
        {t('mailings.intro')}
      </Text>
      <Group>
        <Select
          label={t('mailings.statusField')}
          data={[
            { value: ALL, label: t('mailings.allStatuses') },
            ...MAILING_STATUSES.map((s) => ({ value: s, label: t(`mailings.status.${s}`) })),
          ]}
          value={search.status ?? ALL}
          onChange={(v) =>
            void navigate({
              search: { ...search, status: v && v !== ALL ? (v as MailingStatus) : undefined, page: undefined },
            })
          }
          allowDeselect={false}
          w={220}
        />
      </Group>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ServerTable<Mailing>
          label={t('mailings.title')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
          noRecordsText={t('mailings.none')}
          columns={[
            {
              accessor: 'name',
              title: t('mailings.name'),
              render: (m) => (
                <AnchorLink size="sm" to="/o/$org/mailings/$mailingId" params={{ org, mailingId: m.id }}>
                  {m.name}
                </AnchorLink>
              ),
            },
            {
              accessor: 'audience',
              title: t('mailings.audience'),
              width: 220,
              render: (m) => t(`mailings.audienceKind.${m.audience.kind}`),
            },
            {
              accessor: 'status',
              title: t('mailings.statusField'),
              width: 130,
              render: (m) => <MailingStatusBadge status={m.status} />,
            },
            {
              accessor: 'nextRunAt',
              title: t('mailings.nextRun'),
              width: 200,
              render: (m) => (m.nextRunAt ? format.dateTime(m.nextRunAt) : '—'),
            },
          ]}
        />
      )}
    </Page>
  );
}
