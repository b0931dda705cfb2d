import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus, LetterActionStatus } from './letter-queries';

const ACTION_COLOURS: Record<LetterActionStatus, string> = { draft: 'gray', open: 'green', closed: 'orange' };

export function LetterActionStatusBadge({ status }: { status: LetterActionStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={ACTION_COLOURS[status]} variant="light">
      {t(`letters.status.${status}`)}
    </Badge>
  );
}

const DELIVERY_COLOURS: Record<DeliveryStatus, string> = {
  awaiting_confirmation: 'gray',
  queued: 'blue',
  waiting: 'yellow',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
  held: 'orange',
  cancelled: 'gray',
  bounced: 'red',
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={DELIVERY_COLOURS[status]} variant="light">
      {t(`letters.delivery.status.${status}`)}
    </Badge>
  );
}

/** Shown wherever an action in test mode appears: its letters go to a staff address, not to the targets. */
export function TestModeBadge(): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color="grape.8" variant="filled">
      {t('letters.testMode.badge')}
    </Badge>
  );
}
