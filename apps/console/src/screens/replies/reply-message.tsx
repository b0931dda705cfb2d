import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { useOrg } from '../../session/org';
import { KindBadge, SenderBadge } from './reply-badges';
import type { ThreadMessage } from './reply-queries';
import { messageQuery } from './reply-queries';
import { senderOf, shownText } from './reply-values';

/**
 * One message under its letter: who, when, what kind, whether the sender is the target, and the answer without the
 * quoted letter; "show quoted" reads the whole message (fetched then, not with the list).
 */
export function ReplyMessage({ org, message }: { org: string; message: ThreadMessage }): ReactNode {
  const { t } = useTranslation();
  const { can } = useOrg();
  const format = useFormat();
  const [showQuoted, setShowQuoted] = useState(false);
  const whole = useQuery({ ...messageQuery(org, message.id), enabled: showQuoted });
  const from = senderOf(message) ?? t('replies.message.unknownSender');
  const received = format.dateTime(message.receivedAt);
  const text = shownText(message.replyText, whole.data?.bodyText, showQuoted);

  return (
    <Paper component="article" withBorder p="sm" radius="sm" aria-label={`${from}, ${received}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {from}
            </Text>
            <Text size="xs" c="dimmed">
              {received}
            </Text>
          </Stack>
          <Group gap={6} wrap="wrap">
            <KindBadge kind={message.kind} />
            {message.kind === 'reply' && <SenderBadge verified={message.senderVerified} />}
            {message.bounceStatus && (
              <Text size="xs" c="dimmed">
                {t('replies.message.bounceStatus', { status: message.bounceStatus })}
              </Text>
            )}
            {message.needsReview && (
              <Text size="xs" c="orange.9">
                {t('replies.message.needsReview')}
              </Text>
            )}
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="reply-text">
          {text || t('replies.message.noText')}
        </Text>
        {whole.error && <LoadError error={whole.error} retry={() => void whole.refetch()} />}
        <Group gap="sm" wrap="wrap">
          {message.quoted && (
            <Button
              size="compact-xs"
              variant="subtle"
              aria-expanded={showQuoted}
              loading={showQuoted && whole.isPending}
              onClick={() => setShowQuoted((v) => !v)}
            >
              {showQuoted ? t('replies.message.hideQuoted') : t('replies.message.showQuoted')}
            </Button>
          )}
          <AnchorLink
            size="xs"
            to="/o/$org/replies/messages/$messageId"
            params={{ org, messageId: message.id }}
            aria-label={t('replies.message.openOf', { from, date: received })}
          >
            {t('replies.message.open')}
          </AnchorLink>
          {/* A human reply drafts a response to classify; the API lists responses by target, not by message. */}
          {message.kind === 'reply' && message.targetId && can('responses.read') && (
            <AnchorLink size="xs" to="/o/$org/responses" params={{ org }} search={{ targetId: message.targetId }}>
              {t('replies.message.responses')}
            </AnchorLink>
          )}
          {message.hasHtml && (
            <Text size="xs" c="dimmed">
              {t('replies.message.html')}
            </Text>
          )}
          {message.attachmentCount > 0 && (
            <Text size="xs" c="dimmed">
              {t('replies.message.attachments', { count: message.attachmentCount })}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
