import { Button, Modal, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { SearchBox } from '../../components/search-box';
import type { InboundMessageSummary, LetterChoice } from './reply-queries';
import { inboundKeys, letterChoicesQuery } from './reply-queries';

/**
 * Triage: finds the letter a message answers among the letters sent (searched on the server) and ties it there. The
 * message then leaves the queue and shows under the letter; every list of inbound mail is read again.
 */
export function TieLetterDialog({
  org,
  message,
  onClose,
  onTied,
}: {
  org: string;
  message: InboundMessageSummary | null;
  onClose: () => void;
  onTied?: (letter: LetterChoice) => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Modal
      opened={message !== null}
      onClose={onClose}
      title={t('replies.triage.tieTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.dismiss') }}
    >
      {message && <LetterChoices org={org} message={message} onTied={(l) => (onTied?.(l), onClose())} />}
    </Modal>
  );
}

function LetterChoices({
  org,
  message,
  onTied,
}: {
  org: string;
  message: InboundMessageSummary;
  onTied: (letter: LetterChoice) => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [q, setQ] = useState<string | undefined>(undefined);
  const choices = useQuery(letterChoicesQuery(org, q));
  const tie = useMutation({
    mutationFn: (letter: LetterChoice) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/inbound/messages/{messageId}/thread', {
          params: { path: { orgSlug: org, messageId: message.id } },
          body: { letterId: letter.id },
        }),
      ),
    onSuccess: (_, letter) => {
      void queryClient.invalidateQueries({ queryKey: inboundKeys(org) });
      notifySuccess(t('replies.triage.tied', { target: letter.targetName }));
      onTied(letter);
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });

  return (
    <Stack gap="sm">
      <Text size="sm">
        {message.subject || t('replies.view.noSubject')} · {message.fromAddress}
      </Text>
      <SearchBox label={t('replies.triage.search')} value={q} onSearch={setQ} />
      {choices.error ? (
        <LoadError error={choices.error} retry={() => void choices.refetch()} />
      ) : !choices.data ? (
        <Skeleton h={160} />
      ) : choices.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('replies.triage.noChoices')}
        </Text>
      ) : (
        <Table aria-label={t('replies.triage.choices')} verticalSpacing="xs" highlightOnHover>
          <Table.Tbody>
            {choices.data.items.map((letter) => (
              <Table.Tr key={letter.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {letter.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {letter.targetName} &lt;{letter.recipient}&gt; · {letter.actionTitle} ·{' '}
                    {format.dateTime(letter.sentAt)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="compact-sm"
                    loading={tie.isPending && tie.variables?.id === letter.id}
                    disabled={tie.isPending}
                    aria-label={t('replies.triage.tieToOf', { target: letter.targetName, subject: letter.subject })}
                    onClick={() => tie.mutate(letter)}
                  >
                    {t('replies.triage.tieTo')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
