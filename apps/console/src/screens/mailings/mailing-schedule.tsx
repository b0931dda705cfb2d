import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { showFieldErrors } from '../../components/forms';
import type { Mailing, MailingFrequency, MailingSchedule, MailingScheduleKind } from './mailing-queries';
import { FREQUENCIES, mailingKeys, SCHEDULE_KINDS } from './mailing-queries';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** "2026-06-01T09:00" as the organisation's wall clock -> the instant, for a one-off send at a time. */
function zonedIso(local: string, zone: string): string {
  const guess = new Date(`${local}:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(guess)
      .map((p) => [p.type, p.value]),
  );
  const shown = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
  return new Date(guess.getTime() - (shown - guess.getTime())).toISOString();
}

/**
 * When the mailing goes, in the organisation's time zone (shown): now, at a time, daily/weekly/monthly at a local
 * time, N days after each signer signed, or N days before the petition closes; and pause, resume, cancel.
 */
export function MailingSchedulePanel({ org, mailing }: { org: string; mailing: Mailing }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat(mailing.timeZone);
  const queryClient = useQueryClient();
  const s = mailing.schedule;
  const form = useForm({
    initialValues: {
      kind: (s?.kind ?? 'once') as MailingScheduleKind,
      at: '',
      frequency: (s?.frequency ?? 'weekly') as MailingFrequency,
      time: s?.time ?? '09:00',
      weekday: String(s?.weekday ?? 1),
      dayOfMonth: s?.dayOfMonth ?? 1,
      days: s?.days ?? 3,
    },
  });
  const done = (saved: Mailing, message: string): void => {
    void queryClient.invalidateQueries({ queryKey: mailingKeys(org) });
    notifySuccess(message);
    void saved;
  };
  const schedule = useMutation({
    mutationFn: (body: MailingSchedule) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/mailings/{mailingId}/schedule', {
          params: { path: { orgSlug: org, mailingId: mailing.id } },
          body,
        }),
      ),
    onSuccess: (saved) => done(saved, t('mailings.scheduled', { name: saved.name })),
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  const transition = useMutation({
    mutationFn: (action: 'pause' | 'resume' | 'cancel') =>
      unwrap(
        api.POST(`/api/orgs/{orgSlug}/mailings/{mailingId}/${action}`, {
          params: { path: { orgSlug: org, mailingId: mailing.id } },
        }),
      ),
    onSuccess: (saved) => done(saved, t(`mailings.done.${saved.status}`, { name: saved.name })),
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const v = form.values;
  const bodyOf = (now: boolean): MailingSchedule => {
    if (now) return { kind: 'once', at: new Date().toISOString() };
    switch (v.kind) {
      case 'once':
        return { kind: 'once', at: v.at ? zonedIso(v.at, mailing.timeZone) : '' };
      case 'recurring':
        return {
          kind: 'recurring',
          frequency: v.frequency,
          time: v.time,
          ...(v.frequency === 'weekly' ? { weekday: Number(v.weekday) } : {}),
          ...(v.frequency === 'monthly' ? { dayOfMonth: v.dayOfMonth } : {}),
        };
      case 'after-signing':
        return { kind: 'after-signing', days: v.days, time: v.time };
      default:
        return { kind: 'before-close', days: v.days };
    }
  };
  const send = async (now: boolean): Promise<void> => {
    const ok = await confirmAction({
      title: now ? t('mailings.sendNowTitle') : t('mailings.scheduleTitle'),
      message: t('mailings.sendMessage', { name: mailing.name }),
      confirmLabel: now ? t('mailings.sendNow') : t('mailings.schedule'),
      cancelLabel: t('common.cancel'),
    });
    if (ok) schedule.mutate(bodyOf(now));
  };
  const open = ['draft', 'scheduled', 'paused'].includes(mailing.status);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('mailings.when')}
        </Title>
        <Text size="sm">{t('mailings.timeZone', { zone: mailing.timeZone })}</Text>
        {mailing.nextRunAt && (
          <Text size="sm">{t('mailings.nextRunAt', { at: format.dateTime(mailing.nextRunAt) })}</Text>
        )}
        {open && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('mailings.scheduleKind')}
                data={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`mailings.scheduleKinds.${k}`) }))}
                allowDeselect={false}
                {...form.getInputProps('kind')}
              />
              {v.kind === 'once' && (
                <TextInput type="datetime-local" label={t('mailings.at')} {...form.getInputProps('at')} />
              )}
              {v.kind === 'recurring' && (
                <Select
                  label={t('mailings.frequency')}
                  data={FREQUENCIES.map((f) => ({ value: f, label: t(`mailings.frequencies.${f}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('frequency')}
                />
              )}
              {v.kind === 'recurring' && v.frequency === 'weekly' && (
                <Select
                  label={t('mailings.weekday')}
                  data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`mailings.weekdays.${d}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('weekday')}
                />
              )}
              {v.kind === 'recurring' && v.frequency === 'monthly' && (
                <NumberInput label={t('mailings.dayOfMonth')} min={1} max={31} {...form.getInputProps('dayOfMonth')} />
              )}
              {(v.kind === 'recurring' || v.kind === 'after-signing') && (
                <TextInput type="time" label={t('mailings.time')} {...form.getInputProps('time')} />
              )}
              {(v.kind === 'after-signing' || v.kind === 'before-close') && (
                <NumberInput label={t('mailings.days')} min={0} max={365} {...form.getInputProps('days')} />
              )}
            </SimpleGrid>
            <Group>
              <Button loading={schedule.isPending} onClick={() => void send(false)}>
                {mailing.status === 'draft' ? t('mailings.schedule') : t('mailings.reschedule')}
              </Button>
              <Button variant="default" loading={schedule.isPending} onClick={() => void send(true)}>
                {t('mailings.sendNow')}
              </Button>
              {mailing.status === 'scheduled' && (
                <Button variant="default" onClick={() => transition.mutate('pause')}>
                  {t('mailings.pause')}
                </Button>
              )}
              {mailing.status === 'paused' && (
                <Button variant="default" onClick={() => transition.mutate('resume')}>
                  {t('mailings.resume')}
                </Button>
              )}
              <Button color="red" variant="light" onClick={() => transition.mutate('cancel')}>
                {t('mailings.cancel')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
