import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalisedDates } from '../../components/dates';
import { useSavingForm } from '../../components/forms';
import { LANGUAGES } from '../../i18n';
import { slugify } from './slug';

export interface PetitionValues {
  campaignId: string;
  slug: string;
  title: string;
  ask: string;
  targetDescription: string;
  goal: number | string;
  milestones: string[];
  language: string;
  /** A picker value (local time), or null for no close date. */
  closesAt: string | null;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Every field of a petition. Creating also picks the campaign and the public address (fixed once shared, so not
 * offered when editing). The checks here catch the obvious before sending; the server's messages land on the fields.
 */
export function PetitionForm<T>({
  mode,
  initial,
  campaigns,
  submitLabel,
  onSubmit,
  onSaved,
  onCancel,
}: {
  mode: 'create' | 'edit';
  initial: PetitionValues;
  campaigns: { value: string; label: string }[];
  submitLabel: string;
  onSubmit: (values: PetitionValues) => Promise<T>;
  onSaved: (saved: T) => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const required = (v: string) => (v.trim() ? null : t('shared:errors.required'));
  const form = useForm<PetitionValues>({
    initialValues: initial,
    validate: {
      campaignId: (v) => (mode === 'create' && !v ? t('shared:errors.required') : null),
      slug: (v) =>
        mode === 'edit'
          ? null
          : !v
            ? t('shared:errors.required')
            : SLUG.test(v) && v.length >= 3
              ? null
              : t('petitions.slugRule'),
      title: (v) => required(v) ?? (v.trim().length < 3 ? t('petitions.tooShort', { min: 3 }) : null),
      ask: (v) => required(v) ?? (v.trim().length < 10 ? t('petitions.tooShort', { min: 10 }) : null),
      goal: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? null : t('petitions.goalRule')),
      milestones: (v) => (v.every((m) => /^\d+$/.test(m) && Number(m) >= 1) ? null : t('petitions.milestoneRule')),
    },
  });
  // The address follows the title until the campaigner edits it themself (form.isTouched would not do: setting
  // the field from the title marks it touched too).
  const [slugEdited, setSlugEdited] = useState(false);

  const submit = useSavingForm(form, onSubmit, onSaved);
  // Beside the campaign when creating; beside the close date when editing (the campaign is fixed by then).
  const languageField = (
    <Select
      label={t('petitions.language')}
      description={t('petitions.languageHint')}
      data={LANGUAGES.map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
      allowDeselect={false}
      {...form.getInputProps('language')}
    />
  );

  return (
    <LocalisedDates>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={760}>
          {mode === 'create' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('petitions.campaign')}
                data={campaigns}
                required
                searchable
                {...form.getInputProps('campaignId')}
              />
              {languageField}
            </SimpleGrid>
          )}
          <TextInput
            label={t('petitions.titleField')}
            required
            maxLength={200}
            {...form.getInputProps('title')}
            onChange={(e) => {
              form.setFieldValue('title', e.currentTarget.value);
              if (mode === 'create' && !slugEdited) form.setFieldValue('slug', slugify(e.currentTarget.value));
            }}
          />
          {mode === 'create' && (
            <TextInput
              label={t('petitions.slug')}
              description={t('petitions.slugHint')}
              required
              maxLength={80}
              {...form.getInputProps('slug')}
              onChange={(e) => {
                setSlugEdited(true);
                form.setFieldValue('slug', e.currentTarget.value);
              }}
            />
          )}
          <Textarea
            label={t('petitions.ask')}
            description={t('petitions.askHint')}
            required
            autosize
            minRows={4}
            {...form.getInputProps('ask')}
          />
          <TextInput
            label={t('petitions.target')}
            description={t('petitions.targetHint')}
            maxLength={500}
            {...form.getInputProps('targetDescription')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('petitions.goal')}
              required
              min={1}
              max={100_000_000}
              allowDecimal={false}
              thousandSeparator=" "
              {...form.getInputProps('goal')}
            />
            <TagsInput
              label={t('petitions.milestones')}
              description={t('petitions.milestonesHint')}
              maxTags={20}
              splitChars={[',', ' ', ';']}
              {...form.getInputProps('milestones')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {mode === 'edit' && languageField}
            <DateTimePicker
              label={t('petitions.closesAt')}
              description={t('petitions.closesAtHint', { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
              clearable
              valueFormat="DD MMM YYYY HH:mm"
              minDate={new Date()}
              {...form.getInputProps('closesAt')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={form.submitting}>
              {submitLabel}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </LocalisedDates>
  );
}
