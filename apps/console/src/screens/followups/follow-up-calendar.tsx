import { Alert, Badge, Box, Button, Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { monthGrid, monthOf, monthRange, shiftMonth, todayHere } from './follow-up-days';
import type { FollowUp } from './follow-up-queries';
import { CALENDAR_LIMIT, monthQuery } from './follow-up-queries';
import { FollowUpTabs } from './follow-up-tabs';

/** A month of follow-ups by due day, Monday first; overdue ones in red, closed ones struck through. */
export function FollowUpCalendarScreen(): ReactNode {
  const { t, i18n } = useTranslation();
  const { org, me } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/follow-ups/calendar' });
  const navigate = useNavigate({ from: '/o/$org/follow-ups/calendar' });
  const today = todayHere();
  const month = search.month ?? monthOf(today);
  const mine = search.mine ?? false;
  const { from, to } = monthRange(month);
  const list = useQuery(monthQuery(org, from, to, mine));
  const byDay = new Map<string, FollowUp[]>();
  for (const f of list.data?.items ?? []) byDay.set(f.dueOn, [...(byDay.get(f.dueOn) ?? []), f]);
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekdayName = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
  const dayName = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' });
  const weeks = monthGrid(month);
  const go = (change: Partial<typeof search>) => void navigate({ search: { ...search, ...change } });

  return (
    <Page title={t('followups.titleCalendar')}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <FollowUpTabs org={org} current="calendar" />
        {me?.actor.kind === 'user' && (
          <Checkbox
            label={t('followups.onlyMine')}
            checked={mine}
            onChange={(e) => go({ mine: e.currentTarget.checked || undefined })}
          />
        )}
      </Group>
      <Group justify="space-between">
        <Button variant="default" size="xs" onClick={() => go({ month: shiftMonth(month, -1) })}>
          {t('followups.previousMonth')}
        </Button>
        <Text component="h2" fw={600} size="lg" aria-live="polite">
          {monthName.format(new Date(`${from}T00:00:00Z`))}
        </Text>
        <Button variant="default" size="xs" onClick={() => go({ month: shiftMonth(month, 1) })}>
          {t('followups.nextMonth')}
        </Button>
      </Group>
      {list.error && <LoadError error={list.error} retry={() => void list.refetch()} />}
      {(list.data?.total ?? 0) > CALENDAR_LIMIT && (
        <Alert color="yellow">{t('followups.calendarTruncated', { count: CALENDAR_LIMIT })}</Alert>
      )}
      <Box role="table" aria-label={monthName.format(new Date(`${from}T00:00:00Z`))}>
        <SimpleGrid cols={7} spacing={4} role="row">
          {weeks[0]!.map(({ day }) => (
            <Text key={day} role="columnheader" size="xs" fw={600} ta="center">
              {weekdayName.format(new Date(`${day}T00:00:00Z`))}
            </Text>
          ))}
        </SimpleGrid>
        {weeks.map((week) => (
          <SimpleGrid key={week[0]!.day} cols={7} spacing={4} mt={4} role="row">
            {week.map(({ day, inMonth }) => (
              <Stack
                key={day}
                role="cell"
                aria-label={dayName.format(new Date(`${day}T00:00:00Z`))}
                gap={2}
                p={4}
                mih={84}
                bg={day === today ? 'blue.0' : inMonth ? undefined : 'gray.0'}
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
              >
                <Text size="xs" c={inMonth ? undefined : 'gray.7'} fw={day === today ? 700 : 400}>
                  {Number(day.slice(8))}
                </Text>
                {(byDay.get(day) ?? []).map((f) => (
                  <AnchorLink
                    key={f.id}
                    size="xs"
                    to="/o/$org/follow-ups/$followUpId"
                    params={{ org, followUpId: f.id }}
                    c={f.overdue ? 'red.9' : undefined}
                    td={f.status === 'open' ? undefined : 'line-through'}
                    lineClamp={2}
                  >
                    {f.overdue && (
                      <Badge size="xs" color="red.8" mr={4} component="span">
                        {t('followups.overdue')}
                      </Badge>
                    )}
                    {f.title}
                  </AnchorLink>
                ))}
              </Stack>
            ))}
          </SimpleGrid>
        ))}
      </Box>
    </Page>
  );
}
