import type { UseFormReturnType } from '@mantine/form';
import { useBlocker } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { confirmAction } from './confirm';
import { notifyError } from './feedback';

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

/**
 * Asks before leaving a form with unsaved changes: in the console with a dialog, and when closing or reloading the
 * tab with the browser's own prompt. `release()` lets the navigation that follows a successful save through (the
 * form's dirty state only clears on the next render, after that navigation has started).
 */
export function useUnsavedChangesGuard(dirty: boolean): { release: () => void } {
  const { t } = useTranslation();
  const state = useRef({ dirty, released: false });
  useEffect(() => {
    state.current.dirty = dirty;
    if (!dirty) state.current.released = false;
  }, [dirty]);
  const guarding = (): boolean => state.current.dirty && !state.current.released;
  useBlocker({
    shouldBlockFn: async () =>
      guarding() &&
      !(await confirmAction({
        title: t('common.unsavedTitle'),
        message: t('common.unsavedChanges'),
        confirmLabel: t('common.leave'),
        cancelLabel: t('common.stay'),
        danger: true,
      })),
    enableBeforeUnload: guarding,
  });
  return {
    release: () => {
      state.current.released = true;
    },
  };
}

/**
 * The submit handler of an editing form: saves, and on success lets the next navigation through and marks the values
 * as the saved ones before `onSaved` (which may navigate away); on failure shows the server's messages on the fields,
 * or a notice when the error names no field. While the form has unsaved changes, leaving asks first.
 */
export function useSavingForm<Values, Saved>(
  form: UseFormReturnType<Values>,
  save: (values: Values) => Promise<Saved>,
  onSaved: (saved: Saved) => void,
): (event?: FormEvent<HTMLFormElement>) => void {
  const { t } = useTranslation();
  const guard = useUnsavedChangesGuard(form.isDirty());
  return form.onSubmit(async (values) => {
    try {
      const saved = await save(values);
      guard.release();
      form.resetDirty(values);
      onSaved(saved);
    } catch (error) {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    }
  });
}
