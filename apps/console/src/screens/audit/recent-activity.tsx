import { Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/feedback';
import { loadArea } from '../../i18n';
import { useFormat } from '../../components/format';
import { actionKey, auditQuery } from './audit-queries';
import { AnchorLink } from '../../components/links';

/** The last things staff did in the organisation (from the audit log), newest first. */
export function RecentActivity({ org, limit = 8 }: { org: string; limit?: number }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const events = useQuery(auditQuery(org, { limit }));
  // The action labels (~100 of them) come with the audit area, fetched beside the events, not in the first load.
  const texts = useQuery({
    queryKey: ['texts', 'audit'],
    queryFn: () => loadArea('audit').then(() => true),
    staleTime: Infinity,
  });
  if (events.error) return <LoadError error={events.error} retry={() => void events.refetch()} />;
  if (texts.error) return <LoadError error={texts.error} retry={() => void texts.refetch()} />;
  if (!events.data || !texts.data) return <Loading />;
  if (events.data.items.length === 0) return <Text c="dimmed">{t('home.noActivity')}</Text>;
  return (
    <Stack gap="sm">
      <Timeline bulletSize={12} lineWidth={2}>
        {events.data.items.map((e) => (
          <Timeline.Item key={e.id} title={t(actionKey(e.action), { defaultValue: e.action })}>
            <Text size="sm">{e.actorName}</Text>
            <Text size="xs" c="dimmed">
              {format.dateTime(e.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <AnchorLink to="/o/$org/audit" params={{ org }} size="sm">
        {t('home.allActivity')}
      </AnchorLink>
    </Stack>
  );
}
