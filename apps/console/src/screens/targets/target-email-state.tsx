import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetEmailState } from './target-queries';

const COLOURS: Record<TargetEmailState, string> = {
  active: 'green',
  bounced: 'red',
  suspended: 'orange',
  disabled: 'gray',
};

/** An address's state, with a count when it sums up several addresses (the list's column). */
export function EmailStateBadge({ state, count }: { state: TargetEmailState; count?: number }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[state]} variant="light" size="sm">
      {count === undefined ? t(`targets.emailState.${state}`) : t('targets.emailStateCount', { state, count })}
    </Badge>
  );
}
