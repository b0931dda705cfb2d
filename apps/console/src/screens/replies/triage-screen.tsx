import { Button, Group, Text } from '@mantine/core';
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
import { RepliesNav } from './replies-nav';
import { KindBadge } from './reply-badges';
import type { InboundMessageSummary } from './reply-queries';
import { triageQuery } from './reply-queries';
import { senderOf } from './reply-values';
import { TieLetterDialog } from './tie-letter';

/** Mail tied to no letter, newest first: opened, read, and tied to the letter it answers by those who triage. */
export function TriageScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const format = useFormat();
  const search = useSearch({ from: '/authed/o/$org/replies/triage' });
  const navigate = useNavigate({ from: '/o/$org/replies/triage' });
  const queue = useQuery(triageQuery(org, search.page));
  const [tying, setTying] = useState<InboundMessageSummary | null>(null);
  const triage = can('inbound.triage');
  const fromOf = (m: InboundMessageSummary) => senderOf(m) ?? t('replies.message.unknownSender');

  return (
    <Page title={t('replies.triage.title')}>
      <RepliesNav />
      <Text size="sm" c="dimmed">
        {t('replies.triage.intro')}
      </Text>
      {queue.error ? (
        <LoadError error={queue.error} retry={() => void queue.refetch()} />
      ) : (
        <ServerTable<InboundMessageSummary>
          label={t('replies.triage.table')}
          data={queue.data}
          fetching={queue.isFetching && !queue.data}
          page={search.page ?? 1}
          onPageChange={(page) => void navigate({ search: { page } })}
          noRecordsText={t('replies.triage.empty')}
          columns={[
            {
              accessor: 'subject',
              title: t('replies.triage.subject'),
              render: (m) => (
                <AnchorLink to="/o/$org/replies/messages/$messageId" params={{ org, messageId: m.id }} size="sm">
                  {m.subject || t('replies.view.noSubject')}
                </AnchorLink>
              ),
            },
            { accessor: 'fromAddress', title: t('replies.triage.from'), render: fromOf },
            { accessor: 'kind', title: t('replies.triage.kind'), render: (m) => <KindBadge kind={m.kind} /> },
            {
              accessor: 'receivedAt',
              title: t('replies.triage.received'),
              render: (m) => format.dateTime(m.receivedAt),
            },
            ...(triage
              ? [
                  {
                    accessor: 'actions',
                    title: t('common.actions'),
                    render: (m: InboundMessageSummary) => (
                      <Group gap={4}>
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={t('replies.triage.tieOf', { from: fromOf(m) })}
                          onClick={() => setTying(m)}
                        >
                          {t('replies.triage.tie')}
                        </Button>
                      </Group>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <TieLetterDialog org={org} message={tying} onClose={() => setTying(null)} />
    </Page>
  );
}
