import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { ensureOverlay } from '../app/overlays';
import { i18n } from '../i18n';

/** A success notice after an action (announced to screen readers by Mantine's notification region). */
/** Every notice can be dismissed, with a button named for screen readers (Mantine leaves it unnamed). */
const dismissible = () => ({ closeButtonProps: { 'aria-label': i18n.t('common.dismiss') } });

export const notifySuccess = (message: string): void => {
  void ensureOverlay('notifications');
  notifications.show({ color: 'green', message, autoClose: 4000, ...dismissible() });
};

/** A notice that something needs the member's attention (a session that ended). */
export const notifyWarning = (id: string, message: string): void => {
  void ensureOverlay('notifications');
  notifications.show({ id, color: 'yellow', message, autoClose: 8000, ...dismissible() });
};

export const notifyError = (error: unknown, fallback: string): void => {
  void ensureOverlay('notifications');
  notifications.show({
    color: 'red',
    message: error instanceof Error && error.message ? error.message : fallback,
    autoClose: 8000,
    ...dismissible(),
  });
};

export function Loading(): ReactNode {
  const { t } = useTranslation();
  return (
    // The status region carries the words: aria-label on the spinner's span (no role) is not announced, and axe flags it.
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-hidden />
      <span className="rally-visually-hidden">{t('common.loading')}</span>
    </Center>
  );
}

/** A failed load: what happened, and a way to try again. A 403 says plainly that the role does not allow it. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }): ReactNode {
  const { t } = useTranslation();
  const forbidden = error instanceof ApiError && error.forbidden;
  return (
    <Alert
      color={forbidden ? 'orange' : 'red'}
      title={forbidden ? t('common.forbiddenTitle') : t('common.loadFailed')}
      role="alert"
    >
      <Stack gap="xs">
        <Text size="sm">
          {forbidden ? t('common.forbidden') : error instanceof Error ? error.message : String(error)}
        </Text>
        {retry && !forbidden && (
          <Button variant="light" size="xs" onClick={retry} w="fit-content">
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** An empty list: what it will hold, and what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint: string; action?: ReactNode }): ReactNode {
  return (
    <Stack align="center" py="xl" gap="xs">
      <Title order={3} size="h4">
        {title}
      </Title>
      <Text c="dimmed" ta="center" maw={480}>
        {hint}
      </Text>
      {action}
    </Stack>
  );
}

/**
 * What went wrong with a form, shown above it: nothing when the server named fields (their messages are on the
 * fields), else `message` when given, else the error's own sentence.
 */
export function FormProblem({ error, message }: { error: unknown; message?: string }): ReactNode {
  if (!error || (error instanceof ApiError && Object.keys(error.fields).length > 0)) return null;
  return (
    <Alert color="red" role="alert">
      {message ?? (error instanceof Error ? error.message : String(error))}
    </Alert>
  );
}
