import { Alert, Anchor, Button, Group, List, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { Loading, LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import { useOrg } from '../../session/org';
import { KindBadge, SenderBadge } from './reply-badges';
import type { InboundMessage } from './reply-queries';
import { messageQuery } from './reply-queries';
import { attachmentUrl, fileSize, htmlUrl, senderOf, shownText } from './reply-values';
import { TieLetterDialog } from './tie-letter';

/**
 * One inbound message: the answer as text by default (the quoted letter on request), the HTML part in a frame
 * that runs nothing, attachments as downloads, and the letter it answers, or a way to tie it to one.
 */
export function MessageScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const { org, can } = useOrg();
  const format = useFormat();
  const navigate = useNavigate();
  const { messageId } = useParams({ from: '/authed/o/$org/replies/messages/$messageId' });
  const message = useQuery(messageQuery(org, messageId));
  const [view, setView] = useState<'text' | 'html'>('text');
  const [showQuoted, setShowQuoted] = useState(false);
  const [tying, setTying] = useState(false);

  if (message.error) return <LoadError error={message.error} retry={() => void message.refetch()} />;
  if (!message.data) return <Loading />;
  const m = message.data;
  const from = senderOf(m) ?? t('replies.message.unknownSender');
  const answer = m.replyText ?? m.bodyText ?? '';
  const quoted = Boolean(m.bodyText && m.bodyText !== answer);

  return (
    <Page
      title={m.subject || t('replies.view.noSubject')}
      actions={
        !m.letterId &&
        can('inbound.triage') && <Button onClick={() => setTying(true)}>{t('replies.triage.tie')}</Button>
      }
    >
      <Group gap="md" wrap="wrap">
        {m.letterId ? (
          <AnchorLink to="/o/$org/replies" params={{ org }} search={{ targetId: m.targetId ?? undefined }} size="sm">
            {t('replies.view.back')}
          </AnchorLink>
        ) : (
          <AnchorLink to="/o/$org/replies/triage" params={{ org }} size="sm">
            {t('replies.view.backToTriage')}
          </AnchorLink>
        )}
        <Text size="sm" c="dimmed">
          {t('replies.view.received', { date: format.dateTime(m.receivedAt), from })}
        </Text>
        <Group gap={6}>
          <KindBadge kind={m.kind} />
          {m.kind === 'reply' && <SenderBadge verified={m.senderVerified} />}
        </Group>
      </Group>
      {m.failure && (
        <Alert color="orange" role="status">
          {t('replies.view.failed', { reason: m.failure })}
        </Alert>
      )}
      <Section title={t('replies.view.answer')}>
        {m.bodyHtml && (
          <SegmentedControl
            aria-label={t('replies.view.showAs')}
            w="fit-content"
            value={view}
            onChange={(v) => setView(v as 'text' | 'html')}
            data={[
              { value: 'text', label: t('replies.view.text') },
              { value: 'html', label: t('replies.view.html') },
            ]}
          />
        )}
        {view === 'html' && m.bodyHtml ? (
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t('replies.view.htmlHint')}
            </Text>
            {/* The second wall after the sanitiser: no scripts, an opaque origin, and the server's own CSP sandbox. */}
            <iframe
              title={t('replies.view.htmlFrame')}
              src={htmlUrl(org, m.id)}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              referrerPolicy="no-referrer"
              style={{
                width: '100%',
                minHeight: 420,
                resize: 'vertical',
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-md)',
                background: 'white',
              }}
            />
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="message-text">
              {shownText(answer, m.bodyText, showQuoted) || t('replies.message.noText')}
            </Text>
            {quoted && (
              <Button
                size="compact-xs"
                variant="subtle"
                w="fit-content"
                aria-expanded={showQuoted}
                onClick={() => setShowQuoted((v) => !v)}
              >
                {showQuoted ? t('replies.message.hideQuoted') : t('replies.message.showQuoted')}
              </Button>
            )}
          </Stack>
        )}
      </Section>
      {m.attachments.length > 0 && (
        <Section title={t('replies.view.attachmentsTitle')}>
          <List spacing={4} size="sm">
            {m.attachments.map((a) => (
              <List.Item key={a.id}>
                <Anchor href={attachmentUrl(org, m.id, a.id)} download={a.fileName} size="sm">
                  {t('replies.view.download', { name: a.fileName, size: fileSize(a.size, i18n.language) })}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      <Section title={t('replies.view.letterTitle')}>
        {m.letterId ? <AnsweredLetter org={org} message={m} /> : <Text size="sm">{t('replies.view.untied')}</Text>}
      </Section>
      <TieLetterDialog
        org={org}
        message={tying ? m : null}
        onClose={() => setTying(false)}
        onTied={() => void navigate({ to: '/o/$org/replies/triage', params: { org } })}
      />
    </Page>
  );
}

function AnsweredLetter({ org, message }: { org: string; message: InboundMessage }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const letterId = message.letterId!;
  const letter = useQuery({
    queryKey: ['org', org, 'letters', 'letter', letterId],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/letters/{letterId}', { params: { path: { orgSlug: org, letterId } } })),
  });
  if (letter.error) return <LoadError error={letter.error} retry={() => void letter.refetch()} />;
  if (!letter.data) return <Loading />;
  const l = letter.data;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {l.subject}
      </Text>
      <Text size="sm">
        {t('replies.thread.letterTo', { target: l.targetName })} &lt;{l.recipient}&gt; ·{' '}
        {l.sentAt ? t('replies.thread.sent', { date: format.dateTime(l.sentAt) }) : t('replies.thread.notSent')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('replies.thread.action', { title: l.actionTitle })}
      </Text>
      {message.threadedBy && (
        <Text size="xs" c="dimmed">
          {t(`replies.view.threadedBy.${message.threadedBy}`)}
        </Text>
      )}
    </Stack>
  );
}
