import { Alert, Button, Group, List, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, fieldError, unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { Section } from '../../components/section';
import { sessionQuery } from '../../session/session';
import type { LetterAction, LetterActionStatus } from './letter-queries';
import { letterActionQuery, letterKeys } from './letter-queries';
import { LetterActionStatusBadge } from './letter-status';

export type LetterTransition = 'open' | 'close' | 'reopen';

/** Which moves a status allows: the server's rule, mirrored so only possible ones are offered. */
export const TRANSITIONS_FROM: Record<LetterActionStatus, LetterTransition[]> = {
  draft: ['open'],
  open: ['close'],
  closed: ['reopen'],
};

const ROUTES = {
  open: '/api/orgs/{orgSlug}/letter-actions/{actionId}/open',
  close: '/api/orgs/{orgSlug}/letter-actions/{actionId}/close',
  reopen: '/api/orgs/{orgSlug}/letter-actions/{actionId}/reopen',
} as const;

/** The fields a "not ready" answer names, in the screen's words. */
const READINESS_FIELDS: Record<string, string> = {
  templates: 'letters.tabs.letter',
  sendingWindow: 'letters.details.throttle',
  routing: 'letters.tabs.routing',
};

/** Open, close and reopen, each confirmed; then test mode, which sends every letter to one staff address. */
export function LetterLifecycle({
  org,
  action,
  editable,
}: {
  org: string;
  action: LetterAction;
  editable: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (transition: LetterTransition) =>
      unwrap(api.POST(ROUTES[transition], { params: { path: { orgSlug: org, actionId: action.id } } })),
    onSuccess: (updated, transition) => {
      queryClient.setQueryData(letterActionQuery(org, action.id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: [...letterKeys(org), 'actions'] });
      notifySuccess(t(`letters.lifecycle.${transition}.done`, { title: updated.title }));
    },
    onError: (error) => {
      // "Not ready" is shown beside the button with what is missing; anything else is a notice.
      if (!(error instanceof ApiError && Object.keys(error.fields).length > 0))
        notifyError(error, t('common.saveFailed'));
    },
  });
  const ask = async (transition: LetterTransition): Promise<void> => {
    const confirmed = await confirmAction({
      title: t(`letters.lifecycle.${transition}.title`),
      message: t(`letters.lifecycle.${transition}.message`, { title: action.title, url: action.publicUrl }),
      confirmLabel: t(`letters.lifecycle.${transition}.button`),
      cancelLabel: t('common.cancel'),
      danger: transition === 'close',
    });
    if (confirmed) move.mutate(transition);
  };
  const notReady = move.error instanceof ApiError && Object.keys(move.error.fields).length > 0 ? move.error : null;

  return (
    <Stack gap="lg" maw={820}>
      <Section title={t('letters.lifecycle.title')}>
        <Group gap="sm">
          <LetterActionStatusBadge status={action.status} />
          <Text size="sm" c="dimmed">
            {action.status === 'draft'
              ? t('letters.lifecycle.draftNote')
              : action.status === 'open'
                ? t('letters.lifecycle.openSince', { date: format.dateTime(action.openedAt) })
                : t('letters.lifecycle.closedOn', { date: format.dateTime(action.closedAt) })}
          </Text>
        </Group>
        {notReady && (
          <Alert color="orange" title={notReady.message} role="alert">
            <List size="sm">
              {Object.entries(notReady.fields).map(([field, messages]) => (
                <List.Item key={field}>
                  {t('letters.lifecycle.missing', {
                    field: READINESS_FIELDS[field] ? t(READINESS_FIELDS[field]) : field,
                    message: messages.join(' '),
                  })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {editable && (
          <Group gap="sm">
            {TRANSITIONS_FROM[action.status].map((transition) => (
              <Button
                key={transition}
                variant={transition === 'close' ? 'default' : 'filled'}
                loading={move.isPending && move.variables === transition}
                onClick={() => void ask(transition)}
              >
                {t(`letters.lifecycle.${transition}.button`)}
              </Button>
            ))}
          </Group>
        )}
      </Section>
      <TestMode org={org} action={action} editable={editable} />
    </Stack>
  );
}

function TestMode({ org, action, editable }: { org: string; action: LetterAction; editable: boolean }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useQuery(sessionQuery);
  const [recipient, setRecipient] = useState<string | null>(null);
  const shown = recipient ?? action.testRecipient ?? session.data?.email ?? '';
  const toggle = useMutation({
    mutationFn: (enabled: boolean) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/letter-actions/{actionId}/test-mode', {
          params: { path: { orgSlug: org, actionId: action.id } },
          body: enabled ? { enabled, ...(shown.trim() ? { recipient: shown.trim() } : {}) } : { enabled },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(letterActionQuery(org, action.id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: [...letterKeys(org), 'actions'] });
      setRecipient(null);
      notifySuccess(
        updated.testMode
          ? t('letters.testMode.turnedOn', { recipient: updated.testRecipient ?? '' })
          : t('letters.testMode.turnedOff'),
      );
    },
    onError: (error) => {
      if (!fieldError(error, 'recipient')) notifyError(error, t('common.saveFailed'));
    },
  });
  const change = async (enabled: boolean): Promise<void> => {
    if (
      !enabled &&
      !(await confirmAction({
        title: t('letters.testMode.offTitle'),
        message: t('letters.testMode.offMessage'),
        confirmLabel: t('letters.testMode.offButton'),
        cancelLabel: t('common.cancel'),
      }))
    )
      return;
    toggle.mutate(enabled);
  };

  return (
    <Section title={t('letters.testMode.title')}>
      <Text size="sm">
        {action.testMode
          ? t('letters.testMode.onBody', { recipient: action.testRecipient ?? '' })
          : t('letters.testMode.offBody')}
      </Text>
      <TextInput
        label={t('letters.testMode.recipient')}
        description={t('letters.testMode.recipientHint')}
        type="email"
        value={shown}
        onChange={(e) => setRecipient(e.currentTarget.value)}
        readOnly={!editable || action.testMode}
        error={fieldError(toggle.error, 'recipient')}
        maw={420}
      />
      <Switch
        label={t('letters.testMode.switch')}
        checked={action.testMode}
        disabled={!editable || toggle.isPending}
        onChange={(e) => void change(e.currentTarget.checked)}
      />
    </Section>
  );
}
