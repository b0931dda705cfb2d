import { Anchor, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { ServerTable } from '../../components/server-table';
import type { MailingRun } from './mailing-queries';
import { mailingRunsQuery, PROGRESS } from './mailing-queries';

/** Every run of the mailing with its live progress (polled while one is sending) and the report as CSV. */
export function MailingRuns({
  org,
  mailingId,
  timeZone,
}: {
  org: string;
  mailingId: string;
  timeZone: string;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat(timeZone);
  const [page, setPage] = useState(1);
  const runs = useQuery(mailingRunsQuery(org, mailingId, page));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('mailings.runs')}
          </Title>
          <Anchor size="sm" href={`/api/orgs/${org}/mailings/${mailingId}/report.csv`}>
            {t('mailings.csv')}
          </Anchor>
        </Group>
        {runs.error ? (
          <LoadError error={runs.error} retry={() => void runs.refetch()} />
        ) : (
          <ServerTable<MailingRun>
            label={t('mailings.runs')}
            data={runs.data}
            fetching={runs.isFetching}
            page={page}
            onPageChange={setPage}
            noRecordsText={t('mailings.noRuns')}
            columns={[
              {
                accessor: 'occurrence',
                title: t('mailings.occurrence'),
                width: 190,
                render: (r) => format.dateTime(r.occurrence),
              },
              {
                accessor: 'status',
                title: t('mailings.statusField'),
                width: 120,
                render: (r) => t(`mailings.runStatus.${r.status}`),
              },
              {
                accessor: 'progress',
                title: t('mailings.progress'),
                render: (r) => <RunProgress run={r} />,
              },
            ]}
          />
        )}
      </Stack>
    </Paper>
  );
}

function RunProgress({ run }: { run: MailingRun }): ReactNode {
  const { t } = useTranslation();
  const p = run.progress;
  const done = p.sent + p.failed + p.bounced + p.skipped;
  const percent = p.staged ? Math.round((done / p.staged) * 100) : 100;
  return (
    <Stack gap={4}>
      <Progress value={percent} aria-label={t('mailings.progressOf', { percent })} />
      <Text size="xs">{PROGRESS.map((k) => t(`mailings.counts.${k}`, { count: p[k] })).join(' · ')}</Text>
    </Stack>
  );
}
