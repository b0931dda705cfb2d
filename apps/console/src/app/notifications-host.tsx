import '@mantine/notifications/styles.layer.css';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useEffect } from 'react';

/** Mantine's notification region (a live region: screen readers announce each notice). */
export default function NotificationsHost({ onReady }: { onReady: () => void }): ReactNode {
  useEffect(onReady, [onReady]);
  return <Notifications position="top-right" />;
}
