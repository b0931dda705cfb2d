import { Group, Pagination, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { PAGE_SIZE } from '../../components/pagination';
import type { Thread, ThreadFilters } from './reply-queries';
import { threadsQuery } from './reply-queries';
import { ReplyAddressControl } from './reply-address';
import { ReplyMessage } from './reply-message';

/** Letters with what came back for each, the letter that moved last first; paged by letter. */
export function ReplyThreads({
  org,
  filters,
  page,
  onPageChange,
}: {
  org: string;
  filters: ThreadFilters;
  page: number | undefined;
  onPageChange: (page: number) => void;
}): ReactNode {
  const { t } = useTranslation();
  const threads = useQuery(threadsQuery(org, { ...filters, page }));

  if (threads.error) return <LoadError error={threads.error} retry={() => void threads.refetch()} />;
  if (!threads.data) return <Skeleton h={240} />;
  if (threads.data.total === 0) return <EmptyState title={t('replies.empty.title')} hint={t('replies.empty.hint')} />;
  const pages = Math.ceil(threads.data.total / PAGE_SIZE);
  return (
    <Stack gap="md">
      {threads.data.items.map((thread) => (
        <ThreadCard key={thread.letter.id} org={org} thread={thread} />
      ))}
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page ?? 1}
          onChange={onPageChange}
          getControlProps={(control) => ({ 'aria-label': t(`table.${control}`) })}
          getItemProps={(n) => ({ 'aria-label': t('table.page', { page: n }) })}
        />
      )}
    </Stack>
  );
}

function ThreadCard({ org, thread }: { org: string; thread: Thread }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const { letter } = thread;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={id}>
            {letter.subject}
          </Title>
          <Group gap="xs" wrap="wrap">
            <Text size="sm">
              {t('replies.thread.letterTo', { target: letter.targetName })} &lt;{letter.recipient}&gt;
            </Text>
            <Text size="sm" c="dimmed">
              {letter.sentAt
                ? t('replies.thread.sent', { date: format.dateTime(letter.sentAt) })
                : t('replies.thread.notSent')}
            </Text>
          </Group>
          <Group gap="xs" wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('replies.thread.action', { title: letter.actionTitle })} ·{' '}
              {t('replies.thread.received', { count: thread.messages.length })}
            </Text>
            <ReplyAddressControl letterId={letter.id} revoked={letter.replyAddressRevoked} />
          </Group>
        </Stack>
        <Stack gap="xs" pl={{ base: 0, sm: 'md' }}>
          {thread.messages.map((message) => (
            <ReplyMessage key={message.id} org={org} message={message} />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
