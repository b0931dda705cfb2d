import { Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/links';

/** Mine, all, calendar: three ways into the same follow-ups, each its own address; and the rules that make some. */
export function FollowUpTabs({
  org,
  current,
}: {
  org: string;
  current: 'mine' | 'all' | 'calendar' | 'escalations';
}): ReactNode {
  const { t } = useTranslation();
  const variant = (tab: typeof current) => (tab === current ? 'filled' : 'default');
  const aria = (tab: typeof current) => (tab === current ? ('page' as const) : undefined);
  return (
    <Group gap="xs" role="navigation" aria-label={t('followups.views')}>
      <ButtonLink
        size="xs"
        variant={variant('mine')}
        aria-current={aria('mine')}
        to="/o/$org/follow-ups"
        params={{ org }}
        search={{ view: 'mine' }}
      >
        {t('followups.mine')}
      </ButtonLink>
      <ButtonLink
        size="xs"
        variant={variant('all')}
        aria-current={aria('all')}
        to="/o/$org/follow-ups"
        params={{ org }}
        search={{ view: 'all' }}
      >
        {t('followups.all')}
      </ButtonLink>
      <ButtonLink
        size="xs"
        variant={variant('calendar')}
        aria-current={aria('calendar')}
        to="/o/$org/follow-ups/calendar"
        params={{ org }}
      >
        {t('followups.calendar')}
      </ButtonLink>
      <ButtonLink
        size="xs"
        variant={variant('escalations')}
        aria-current={aria('escalations')}
        to="/o/$org/follow-ups/escalations"
        params={{ org }}
      >
        {t('followups.escalations.tab')}
      </ButtonLink>
    </Group>
  );
}
