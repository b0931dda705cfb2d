import { Badge, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboundKind } from './reply-queries';

const KIND_COLOURS: Record<InboundKind | 'unread', string> = {
  reply: 'blue',
  'auto-reply': 'gray',
  bounce: 'red',
  loop: 'gray',
  unread: 'orange',
};

/** What a message is; one Rally could not read has no kind. */
export function KindBadge({ kind }: { kind: InboundKind | null }): ReactNode {
  const { t } = useTranslation();
  const key = kind ?? 'unread';
  return (
    <Badge color={KIND_COLOURS[key]} variant="light" size="sm">
      {t(`replies.kind.${key}`)}
    </Badge>
  );
}

/** Whether the sender is the target (its address or domain, or vouched for by DMARC); forwarded replies are not. */
export function SenderBadge({ verified }: { verified: boolean }): ReactNode {
  const { t } = useTranslation();
  if (verified)
    return (
      <Badge color="green" variant="light" size="sm">
        {t('replies.message.verified')}
      </Badge>
    );
  return (
    <Tooltip label={t('replies.message.unverifiedHint')} multiline w={320} withArrow>
      <Badge color="yellow" variant="light" size="sm" tabIndex={0}>
        {t('replies.message.unverified')}
      </Badge>
    </Tooltip>
  );
}
