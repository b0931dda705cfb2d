import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LocalisedDates } from '../../components/dates';
import { notifyError, notifySuccess } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import type { FocusArea, Responsibility, Target } from './target-queries';
import { responsibilityKeys, targetsQuery, useCountryChoices, useFocusAreaChoices } from './target-queries';

interface NewResponsibility {
  targetId: string;
  country: string;
  focusArea: FocusArea | '';
  recommendationCode: string;
  validFrom: string | null;
  validUntil: string | null;
  note: string;
  replace: boolean;
}

// The member's own day, as the pickers show it (not UTC's, which is tomorrow in Lima in the evening).
const today = (): string => dayjs().format('YYYY-MM-DD');

/**
 * Who answers for a focus area (or one recommendation) in a country from a day on. A reshuffle replaces the current
 * holder (their period ends the day before); without it both share the responsibility.
 */
export function AddResponsibilityForm({
  org,
  target,
  country,
  focusArea,
  onDone,
  onCancel,
}: {
  org: string;
  /** Fixed when adding from a target's screen. */
  target?: Target;
  country?: string;
  focusArea?: FocusArea;
  onDone: (saved: Responsibility) => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const countries = useCountryChoices();
  const focusAreas = useFocusAreaChoices();
  const required = (v: string | null) => (v ? null : t('shared:errors.required'));
  const form = useForm<NewResponsibility>({
    initialValues: {
      targetId: target?.id ?? '',
      country: country ?? target?.country ?? '',
      focusArea: focusArea ?? target?.focusAreas[0] ?? '',
      recommendationCode: '',
      validFrom: today(),
      validUntil: null,
      note: '',
      replace: false,
    },
    validate: {
      targetId: required,
      country: required,
      focusArea: required,
      validFrom: required,
      validUntil: (v, values) =>
        v && values.validFrom && v < values.validFrom ? t('targets.responsibility.untilBeforeFrom') : null,
    },
  });
  const add = useMutation({
    mutationFn: (v: NewResponsibility) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/responsibilities', {
          params: { path: { orgSlug: org } },
          body: {
            targetId: v.targetId,
            country: v.country,
            focusArea: v.focusArea as FocusArea,
            recommendationCode: v.recommendationCode.trim() || null,
            validFrom: v.validFrom as string,
            validUntil: v.validUntil,
            note: v.note.trim(),
            replace: v.replace,
          },
        }),
      ),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: responsibilityKeys(org) });
      notifySuccess(t('targets.responsibility.added', { name: saved.targetName }));
      onDone(saved);
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });

  return (
    <LocalisedDates>
      <form onSubmit={form.onSubmit((v) => add.mutate(v))} noValidate>
        <Stack gap="sm">
          {target ? (
            <TextInput label={t('targets.responsibility.target')} value={target.name} readOnly disabled />
          ) : (
            <TargetPicker
              org={org}
              value={form.values.targetId}
              onChange={(id) => form.setFieldValue('targetId', id)}
              error={form.errors.targetId}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('targets.country')}
              data={countries}
              required
              searchable
              limit={50}
              allowDeselect={false}
              {...form.getInputProps('country')}
            />
            <Select
              label={t('targets.focusAreaField')}
              data={focusAreas}
              required
              allowDeselect={false}
              {...form.getInputProps('focusArea')}
            />
          </SimpleGrid>
          <TextInput
            label={t('targets.responsibility.recommendation')}
            description={t('targets.responsibility.recommendationHint')}
            maxLength={64}
            {...form.getInputProps('recommendationCode')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DatePickerInput
              label={t('targets.responsibility.from')}
              required
              valueFormat="D MMM YYYY"
              {...form.getInputProps('validFrom')}
            />
            <DatePickerInput
              label={t('targets.responsibility.until')}
              description={t('targets.responsibility.untilHint')}
              clearable
              clearButtonProps={{ 'aria-label': t('targets.responsibility.clearUntil') }}
              valueFormat="D MMM YYYY"
              {...form.getInputProps('validUntil')}
            />
          </SimpleGrid>
          <Textarea
            label={t('targets.responsibility.note')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('note')}
          />
          <Checkbox
            label={t('targets.responsibility.replace')}
            description={t('targets.responsibility.replaceHint')}
            {...form.getInputProps('replace', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('targets.responsibility.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </LocalisedDates>
  );
}

/** A target chosen by searching the directory on the server (name, title, body or address). */
function TargetPicker({
  org,
  value,
  onChange,
  error,
}: {
  org: string;
  value: string;
  onChange: (id: string) => void;
  error?: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const [searchText, setSearchText] = useState('');
  const [q] = useDebouncedValue(searchText.trim(), 300);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const found = useQuery(targetsQuery(org, { q: q || undefined, active: 'yes', limit: 50 }));
  const options = (found.data?.items ?? []).map((x) => ({
    value: x.id,
    label: [x.name, x.title || x.body].filter(Boolean).join(' — '),
  }));
  const data = chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;
  return (
    <Select
      label={t('targets.responsibility.target')}
      description={t('targets.responsibility.targetHint')}
      placeholder={t('targets.responsibility.targetPlaceholder')}
      required
      searchable
      data={data}
      value={value || null}
      error={error}
      // The server already matched the text (also on addresses, which the labels do not show).
      filter={({ options: all }) => all}
      searchValue={searchText}
      onSearchChange={setSearchText}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('targets.noMatch')}
      onChange={(id, option) => {
        setChosen(option ?? null);
        onChange(id ?? '');
      }}
    />
  );
}

/** Ends a responsibility on a day (its last day), or reopens it until further notice. */
export function EndResponsibilityForm({
  org,
  responsibility,
  onDone,
  onCancel,
}: {
  org: string;
  responsibility: Responsibility;
  onDone: () => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ validUntil: string | null }>({
    initialValues: { validUntil: responsibility.validUntil ?? today() },
    validate: {
      validUntil: (v) =>
        !v
          ? t('shared:errors.required')
          : v < responsibility.validFrom
            ? t('targets.responsibility.untilBeforeFrom')
            : null,
    },
  });
  const save = useMutation({
    mutationFn: (validUntil: string | null) =>
      unwrap(
        api.PATCH('/api/orgs/{orgSlug}/responsibilities/{responsibilityId}', {
          params: { path: { orgSlug: org, responsibilityId: responsibility.id } },
          body: { validUntil },
        }),
      ),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: responsibilityKeys(org) });
      notifySuccess(
        saved.validUntil
          ? t('targets.responsibility.ended', { name: saved.targetName })
          : t('targets.responsibility.reopened', { name: saved.targetName }),
      );
      onDone();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <LocalisedDates>
      <form onSubmit={form.onSubmit((v) => save.mutate(v.validUntil))} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('targets.responsibility.endMessage', { name: responsibility.targetName })}</Text>
          <DatePickerInput
            label={t('targets.responsibility.lastDay')}
            required
            valueFormat="D MMM YYYY"
            minDate={responsibility.validFrom}
            data-autofocus
            {...form.getInputProps('validUntil')}
          />
          <Group justify="space-between">
            {responsibility.validUntil ? (
              <Button
                variant="subtle"
                onClick={() => save.mutate(null)}
                loading={save.isPending && save.variables === null}
              >
                {t('targets.responsibility.reopen')}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('targets.responsibility.end')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </LocalisedDates>
  );
}
