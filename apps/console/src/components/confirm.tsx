import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { ensureOverlay } from '../app/overlays';

/**
 * The confirmation step before an action that others see or that cannot be undone (opening a petition, removing a
 * member): says what will happen, names the action on the button, resolves whether the member confirmed.
 */
export function confirmAction(options: {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
}): Promise<boolean> {
  return ensureOverlay('modals').then(
    () =>
      new Promise((resolve) => {
        modals.openConfirmModal({
          title: options.title,
          children: <Text size="sm">{options.message}</Text>,
          labels: { confirm: options.confirmLabel, cancel: options.cancelLabel },
          confirmProps: { color: options.danger ? 'red' : undefined },
          onConfirm: () => resolve(true),
          onCancel: () => resolve(false),
          onClose: () => resolve(false),
        });
      }),
  );
}
