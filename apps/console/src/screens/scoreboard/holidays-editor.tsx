import { Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { showFieldErrors } from '../../components/forms';
import { holidaysQuery, scoreboardKeys } from './scoreboard-queries';

/**
 * The organisation's holidays: days that are not business days in a country (each change recomputes the medians at
 * once). Everyone reads the list; coordinators and admins add and remove days.
 */
export function HolidaysEditor({
  org,
  canManage,
  countryChoices,
}: {
  org: string;
  canManage: boolean;
  countryChoices: { value: string; label: string }[];
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const countryName = useCountryName();
  const holidays = useQuery(holidaysQuery(org));
  const form = useForm({ initialValues: { country: '', day: '', name: '' } });
  const refresh = (): void => void queryClient.invalidateQueries({ queryKey: scoreboardKeys(org) });
  const add = form.onSubmit(async (values) => {
    try {
      await unwrap(
        api.POST('/api/orgs/{orgSlug}/scoreboard/holidays', {
          params: { path: { orgSlug: org } },
          body: { country: values.country, day: values.day, name: values.name.trim() },
        }),
      );
      form.reset();
      notifySuccess(t('scoreboard.holidayAdded'));
      refresh();
    } catch (error) {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    }
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/scoreboard/holidays/{holidayId}', {
          params: { path: { orgSlug: org, holidayId: id } },
        }),
      ),
    onSuccess: refresh,
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });

  if (holidays.error) return <LoadError error={holidays.error} retry={() => void holidays.refetch()} />;
  const list = holidays.data ?? [];
  return (
    <>
      <Text size="sm" c="dimmed">
        {t('scoreboard.holidaysHint')}
      </Text>
      {list.length === 0 ? (
        <Text size="sm">{t('scoreboard.noHolidays')}</Text>
      ) : (
        <Table withTableBorder aria-label={t('scoreboard.holidaysTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scoreboard.day')}</Table.Th>
              <Table.Th>{t('scoreboard.country')}</Table.Th>
              <Table.Th>{t('scoreboard.holidayName')}</Table.Th>
              {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{h.day}</Table.Td>
                <Table.Td>{countryName(h.country)}</Table.Td>
                <Table.Td>{h.name || '—'}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="default"
                      color="red"
                      aria-label={t('scoreboard.removeHolidayOf', { day: h.day, country: countryName(h.country) })}
                      onClick={async () => {
                        const sure = await confirmAction({
                          title: t('scoreboard.removeHoliday'),
                          message: t('scoreboard.removeHolidayConfirm', { day: h.day }),
                          confirmLabel: t('scoreboard.removeHoliday'),
                          cancelLabel: t('common.cancel'),
                          danger: true,
                        });
                        if (sure) remove.mutate(h.id);
                      }}
                    >
                      {t('scoreboard.removeHoliday')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canManage && (
        <form onSubmit={add} noValidate>
          <Group align="flex-start" wrap="wrap">
            <Select
              label={t('scoreboard.country')}
              data={countryChoices}
              searchable
              required
              w={220}
              {...form.getInputProps('country')}
            />
            <TextInput type="date" label={t('scoreboard.day')} required w={180} {...form.getInputProps('day')} />
            <TextInput label={t('scoreboard.holidayName')} w={240} {...form.getInputProps('name')} />
            <Button type="submit" mt={25}>
              {t('scoreboard.addHoliday')}
            </Button>
          </Group>
        </form>
      )}
    </>
  );
}
