import { Badge, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { RepliesNav } from './replies-nav';
import type { InboundAlert } from './reply-queries';
import { alertsQuery, inboundKeys } from './reply-queries';

const KIND_COLOURS: Record<InboundAlert['kind'], string> = {
  'address-bounced': 'red',
  'policy-block': 'orange',
  'domain-paused': 'red',
  'imap-failure': 'orange',
  'imap-too-large': 'yellow',
};

/** Delivery problems from the mail that came back, open ones first; coordinators acknowledge them once dealt with. */
export function AlertsScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const format = useFormat();
  const queryClient = useQueryClient();
  const search = useSearch({ from: '/authed/o/$org/replies/alerts' });
  const navigate = useNavigate({ from: '/o/$org/replies/alerts' });
  const alerts = useQuery(alertsQuery(org, search.page));
  const acknowledge = useMutation({
    mutationFn: (alert: InboundAlert) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/inbound/alerts/{alertId}/acknowledge', {
          params: { path: { orgSlug: org, alertId: alert.id } },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...inboundKeys(org), 'alerts'] });
      notifySuccess(t('replies.alerts.acknowledged'));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const aboutOf = (a: InboundAlert): string =>
    a.address ??
    (a.domain
      ? t('replies.alerts.domain', { domain: a.domain })
      : a.inboundSourceId
        ? t('replies.alerts.mailbox')
        : '—');

  return (
    <Page title={t('replies.alerts.title')}>
      <RepliesNav />
      <Text size="sm" c="dimmed">
        {t('replies.alerts.intro')}
      </Text>
      {alerts.error ? (
        <LoadError error={alerts.error} retry={() => void alerts.refetch()} />
      ) : (
        <ServerTable<InboundAlert>
          label={t('replies.alerts.table')}
          data={alerts.data}
          fetching={alerts.isFetching && !alerts.data}
          page={search.page ?? 1}
          onPageChange={(page) => void navigate({ search: { page } })}
          noRecordsText={t('replies.alerts.empty')}
          columns={[
            {
              accessor: 'kind',
              title: t('replies.alerts.what'),
              render: (a) => (
                <Badge color={KIND_COLOURS[a.kind]} variant="light" size="sm">
                  {t(`replies.alerts.kind.${a.kind}`)}
                </Badge>
              ),
            },
            {
              accessor: 'about',
              title: t('replies.alerts.about'),
              render: (a) => (
                <Stack gap={0}>
                  {a.targetId && a.targetName && (
                    <AnchorLink to="/o/$org/targets/$targetId" params={{ org, targetId: a.targetId }} size="sm">
                      {a.targetName}
                    </AnchorLink>
                  )}
                  <Text size="sm">{aboutOf(a)}</Text>
                </Stack>
              ),
            },
            { accessor: 'detail', title: t('replies.alerts.detail') },
            { accessor: 'createdAt', title: t('replies.alerts.raised'), render: (a) => format.dateTime(a.createdAt) },
            {
              accessor: 'acknowledgedAt',
              title: t('replies.alerts.state'),
              render: (a) =>
                a.acknowledgedAt ? (
                  <Text size="sm" c="dimmed">
                    {t('replies.alerts.acknowledgedOn', { date: format.dateTime(a.acknowledgedAt) })}
                  </Text>
                ) : can('inbound.triage') ? (
                  <Button
                    size="compact-xs"
                    variant="default"
                    loading={acknowledge.isPending && acknowledge.variables?.id === a.id}
                    aria-label={t('replies.alerts.acknowledgeOf', {
                      what: t(`replies.alerts.kind.${a.kind}`),
                      about: aboutOf(a),
                    })}
                    onClick={() => acknowledge.mutate(a)}
                  >
                    {t('replies.alerts.acknowledge')}
                  </Button>
                ) : (
                  <Text size="sm">{t('replies.alerts.open')}</Text>
                ),
            },
          ]}
        />
      )}
    </Page>
  );
}
