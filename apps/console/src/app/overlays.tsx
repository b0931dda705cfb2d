import type { ReactNode } from 'react';
import { lazy, Suspense, useSyncExternalStore } from 'react';

/**
 * The notification region and the confirmation dialogs, mounted the first time something needs them. Neither is
 * needed to sign in or read the home screen, and with their transitions, focus trap and scroll lock they would be
 * ~40 KB of the first load (about 12 KB gzipped).
 */
type Overlay = 'notifications' | 'modals';

const NotificationsHost = lazy(() => import('./notifications-host'));
const ModalsHost = lazy(() => import('./modals-host'));

let requested: ReadonlySet<Overlay> = new Set();
const listeners = new Set<() => void>();
const readiness = new Map<Overlay, { promise: Promise<void>; resolve: () => void }>();

/** Mounts an overlay if it is not yet, and resolves once it listens (the dialogs subscribe to their events on mount). */
export function ensureOverlay(overlay: Overlay): Promise<void> {
  let entry = readiness.get(overlay);
  if (!entry) {
    let resolve = (): void => undefined;
    const promise = new Promise<void>((r) => (resolve = r));
    entry = { promise, resolve };
    readiness.set(overlay, entry);
    requested = new Set(requested).add(overlay);
    for (const listener of listeners) listener();
  }
  return entry.promise;
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const markReady = (overlay: Overlay) => (): void => readiness.get(overlay)?.resolve();
const onNotificationsReady = markReady('notifications');
const onModalsReady = markReady('modals');

export function Overlays(): ReactNode {
  const shown = useSyncExternalStore(subscribe, () => requested);
  return (
    <Suspense fallback={null}>
      {shown.has('notifications') && <NotificationsHost onReady={onNotificationsReady} />}
      {shown.has('modals') && <ModalsHost onReady={onModalsReady} />}
    </Suspense>
  );
}
