import type { UseFormReturnType } from '@mantine/form';
import { useBlocker } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';

/**
 * Shows the server's validation messages on the fields they name (422 `fields`), and answers whether there were any;
 * other errors are the caller's to report.
 */
export function showFieldErrors<T>(form: UseFormReturnType<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || Object.keys(error.fields).length === 0) return false;
  form.setErrors(
    Object.fromEntries(Object.entries(error.fields).map(([field, messages]) => [field, messages.join(' ')])),
  );
  return true;
}

/** Asks before leaving a form with unsaved changes (in-app navigation and closing or reloading the tab). */
export function useUnsavedChangesGuard(dirty: boolean): void {
  const { t } = useTranslation();
  useBlocker({
    shouldBlockFn: () => dirty && !window.confirm(t('common.unsavedChanges')),
    enableBeforeUnload: () => dirty,
  });
}
