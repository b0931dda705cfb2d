import { Box, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { letterQuery } from './letter-queries';
import { DeliveryStatusBadge, TestModeBadge } from './letter-status';

/** One letter exactly as it was sent (or will be): its addresses, identifiers and text, in a dialog. */
export function LetterView({
  org,
  letterId,
  onClose,
}: {
  org: string;
  letterId: string | null;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Modal
      opened={letterId !== null}
      onClose={onClose}
      title={t('letters.letter.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.dismiss') }}
    >
      {letterId && <LetterBody org={org} letterId={letterId} />}
    </Modal>
  );
}

function LetterBody({ org, letterId }: { org: string; letterId: string }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const letter = useQuery(letterQuery(org, letterId));
  if (letter.error) return <LoadError error={letter.error} retry={() => void letter.refetch()} />;
  if (!letter.data) return <Loading />;
  const l = letter.data;
  const row = (label: string, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
  return (
    <Stack gap="md">
      <Group gap="sm">
        <DeliveryStatusBadge status={l.status} />
        {l.testMode && <TestModeBadge />}
        {l.statusReason && <Text size="sm">{l.statusReason}</Text>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="sm" m={0}>
        {row(t('letters.letter.from'), l.sender)}
        {row(t('letters.letter.to'), `${l.targetName} <${l.recipient}>`)}
        {row(t('letters.letter.replyTo'), l.replyTo)}
        {row(t('letters.letter.messageId'), l.messageId)}
        {row(t('letters.letter.relayMessageId'), l.relayMessageId ?? '—')}
        {row(
          l.sentAt ? t('letters.letter.sentAt') : t('letters.letter.notBefore'),
          format.dateTime(l.sentAt ?? l.notBefore ?? l.createdAt),
        )}
        {row(t('letters.letter.language'), t(`shared:language.${l.language}`))}
        {row(t('letters.letter.supporter'), l.supporterName)}
      </SimpleGrid>
      <Box component="dl" m={0}>
        {row(t('letters.letter.subject'), l.subject)}
      </Box>
      <Box
        component="pre"
        data-testid="letter-body"
        p="sm"
        m={0}
        style={{
          whiteSpace: 'pre-wrap',
          fontFamily: 'var(--mantine-font-family-monospace)',
          fontSize: 'var(--mantine-font-size-sm)',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-md)',
        }}
      >
        {l.body}
      </Box>
    </Stack>
  );
}
