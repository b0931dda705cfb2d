import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { notifySuccess } from '../../components/feedback';
import { useSavingForm } from '../../components/forms';
import { LANGUAGES } from '../../i18n';
import type { LetterAction } from './letter-queries';
import { EDITABLE_MARKS, letterActionQuery, letterKeys, patchLetterAction } from './letter-queries';

interface DetailsValues {
  title: string;
  intro: string;
  language: string;
  editable: boolean;
  recommendationCodes: string[];
  anyTime: boolean;
  sendingWindow: { startHour: number | string; endHour: number | string; weekdays: string[] };
  hourlyUnlimited: boolean;
  hourlyCap: number | string;
  dailyUnlimited: boolean;
  dailyCap: number | string;
}

/** A window for when "any time" is switched off: office hours on working days. */
const OFFICE_HOURS = { startHour: 8, endHour: 18, weekdays: ['1', '2', '3', '4', '5'] };
const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

const valuesOf = (a: LetterAction): DetailsValues => ({
  title: a.title,
  intro: a.intro,
  language: a.language,
  editable: a.editable,
  recommendationCodes: a.recommendationCodes,
  anyTime: a.sendingWindow === null,
  sendingWindow: a.sendingWindow
    ? { ...a.sendingWindow, weekdays: a.sendingWindow.weekdays.map(String) }
    : OFFICE_HOURS,
  hourlyUnlimited: a.hourlyCap === null,
  hourlyCap: a.hourlyCap ?? 20,
  dailyUnlimited: a.dailyCap === null,
  dailyCap: a.dailyCap ?? 150,
});

const whole = (v: number | string, min: number, max: number): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Title, introduction, language, whether supporters may rewrite the letter, the letters it cites, the throttle. */
export function LetterDetails({
  org,
  action,
  editable,
}: {
  org: string;
  action: LetterAction;
  editable: boolean;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // Weekday names from the browser's data, Monday first as ISO numbers them (2024-01-01 was a Monday).
  const weekdays = useMemo(() => {
    const name = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' });
    return ISO_WEEKDAYS.map((d) => ({ value: String(d), label: name.format(new Date(Date.UTC(2024, 0, d))) }));
  }, [i18n.language]);
  const form = useForm<DetailsValues>({
    initialValues: valuesOf(action),
    validate: (v) => ({
      title: v.title.trim().length < 3 ? t('letters.tooShort', { min: 3 }) : null,
      'sendingWindow.startHour':
        v.anyTime || whole(v.sendingWindow.startHour, 0, 23) ? null : t('letters.details.hourRule'),
      'sendingWindow.endHour': v.anyTime
        ? null
        : !whole(v.sendingWindow.endHour, 1, 24)
          ? t('letters.details.hourRule')
          : Number(v.sendingWindow.endHour) <= Number(v.sendingWindow.startHour)
            ? t('letters.details.endAfterStart')
            : null,
      'sendingWindow.weekdays':
        v.anyTime || v.sendingWindow.weekdays.length > 0 ? null : t('letters.details.needWeekday'),
      hourlyCap: v.hourlyUnlimited || whole(v.hourlyCap, 1, 100_000) ? null : t('letters.details.capRule'),
      dailyCap: v.dailyUnlimited || whole(v.dailyCap, 1, 1_000_000) ? null : t('letters.details.capRule'),
    }),
  });
  const submit = useSavingForm(
    form,
    (v) =>
      patchLetterAction(org, action.id, {
        title: v.title.trim(),
        intro: v.intro.trim(),
        language: v.language as Schemas['Language'],
        editable: v.editable,
        recommendationCodes: v.recommendationCodes,
        sendingWindow: v.anyTime
          ? null
          : {
              startHour: Number(v.sendingWindow.startHour),
              endHour: Number(v.sendingWindow.endHour),
              weekdays: v.sendingWindow.weekdays.map(Number).sort((a, b) => a - b),
            },
        hourlyCap: v.hourlyUnlimited ? null : Number(v.hourlyCap),
        dailyCap: v.dailyUnlimited ? null : Number(v.dailyCap),
      }),
    (saved) => {
      queryClient.setQueryData(letterActionQuery(org, action.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: [...letterKeys(org), 'actions'] });
      notifySuccess(t('common.saved'));
    },
  );
  const values = form.getValues();
  const off = !editable;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={820}>
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <TextInput
              label={t('letters.titleField')}
              required
              maxLength={200}
              disabled={off}
              {...form.getInputProps('title')}
            />
            <TextInput label={t('letters.slug')} description={t('letters.slugFixed')} value={action.slug} readOnly />
            <Textarea
              label={t('letters.intro')}
              description={t('letters.introHint')}
              autosize
              minRows={3}
              maxLength={5000}
              disabled={off}
              {...form.getInputProps('intro')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('letters.language')}
                description={t('letters.languageHint')}
                data={LANGUAGES.map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
                allowDeselect={false}
                disabled={off}
                {...form.getInputProps('language')}
              />
              <TagsInput
                label={t('letters.details.recommendations')}
                description={t('letters.details.recommendationsHint')}
                maxTags={50}
                splitChars={[',', ' ', ';']}
                disabled={off}
                {...form.getInputProps('recommendationCodes')}
              />
            </SimpleGrid>
            <Switch
              label={t('letters.editable')}
              description={t('letters.editableHint', EDITABLE_MARKS)}
              disabled={off}
              {...form.getInputProps('editable', { type: 'checkbox' })}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('letters.details.throttle')}
            </Title>
            <Switch
              label={t('letters.details.anyTime')}
              description={t('letters.details.anyTimeHint')}
              disabled={off}
              {...form.getInputProps('anyTime', { type: 'checkbox' })}
            />
            {!values.anyTime && (
              <>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NumberInput
                    label={t('letters.details.startHour')}
                    description={t('letters.details.hourHint')}
                    min={0}
                    max={23}
                    allowDecimal={false}
                    disabled={off}
                    {...form.getInputProps('sendingWindow.startHour')}
                  />
                  <NumberInput
                    label={t('letters.details.endHour')}
                    description={t('letters.details.endHourHint')}
                    min={1}
                    max={24}
                    allowDecimal={false}
                    disabled={off}
                    {...form.getInputProps('sendingWindow.endHour')}
                  />
                </SimpleGrid>
                <Checkbox.Group label={t('letters.details.weekdays')} {...form.getInputProps('sendingWindow.weekdays')}>
                  <Group gap="md" mt="xs">
                    {weekdays.map((d) => (
                      <Checkbox key={d.value} value={d.value} label={d.label} disabled={off} />
                    ))}
                  </Group>
                </Checkbox.Group>
              </>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Stack gap="xs">
                <Checkbox
                  label={t('letters.details.noHourlyCap')}
                  disabled={off}
                  {...form.getInputProps('hourlyUnlimited', { type: 'checkbox' })}
                />
                {!values.hourlyUnlimited && (
                  <NumberInput
                    label={t('letters.details.hourlyCap')}
                    description={t('letters.details.capHint')}
                    min={1}
                    max={100_000}
                    allowDecimal={false}
                    disabled={off}
                    {...form.getInputProps('hourlyCap')}
                  />
                )}
              </Stack>
              <Stack gap="xs">
                <Checkbox
                  label={t('letters.details.noDailyCap')}
                  disabled={off}
                  {...form.getInputProps('dailyUnlimited', { type: 'checkbox' })}
                />
                {!values.dailyUnlimited && (
                  <NumberInput
                    label={t('letters.details.dailyCap')}
                    description={t('letters.details.capHint')}
                    min={1}
                    max={1_000_000}
                    allowDecimal={false}
                    disabled={off}
                    {...form.getInputProps('dailyCap')}
                  />
                )}
              </Stack>
            </SimpleGrid>
          </Stack>
        </Paper>
        {editable && (
          <Group>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t('letters.details.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
