import { ModalsProvider } from '@mantine/modals';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's dialog host. It wraps nothing: the console opens dialogs through `modals.openConfirmModal`, which reaches
 * the provider by window events, so the provider need not sit above the screens. Its own listeners are set up
 * before this component's effect runs (children's effects first), hence `onReady` there.
 */
export default function ModalsHost({ onReady }: { onReady: () => void }): ReactNode {
  const { t } = useTranslation();
  useEffect(onReady, [onReady]);
  return (
    <ModalsProvider
      labels={{ confirm: t('common.confirm'), cancel: t('common.cancel') }}
      modalProps={{ closeButtonProps: { 'aria-label': t('common.dismiss') } }}
    >
      {null}
    </ModalsProvider>
  );
}
