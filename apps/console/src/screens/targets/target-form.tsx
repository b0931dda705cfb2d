import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavingForm } from '../../components/forms';
import { LANGUAGES } from '../../i18n';
import { TARGET_KINDS, useCountryChoices, useFocusAreaChoices } from './target-queries';
import type { TargetValues } from './target-values';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Every field of a target. Creating also takes its addresses (at least one: a target is written to); once created,
 * the edit screen keeps them one by one with their states. The server's messages land on the fields.
 */
export function TargetForm<T>({
  mode,
  initial,
  submitLabel,
  onSubmit,
  onSaved,
  onCancel,
  readOnly = false,
}: {
  mode: 'create' | 'edit';
  initial: TargetValues;
  submitLabel: string;
  onSubmit: (values: TargetValues) => Promise<T>;
  onSaved: (saved: T) => void;
  onCancel: () => void;
  readOnly?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const countries = useCountryChoices();
  const focusAreas = useFocusAreaChoices();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const required = (v: string) => (v.trim() ? null : t('shared:errors.required'));
  const form = useForm<TargetValues>({
    initialValues: initial,
    validate: {
      kind: required,
      name: required,
      country: required,
      language: required,
      emails: (v) =>
        mode === 'edit'
          ? null
          : v.length === 0
            ? t('targets.emailsRequired')
            : v.every((e) => EMAIL.test(e.trim()))
              ? null
              : t('shared:errors.email'),
    },
  });
  const submit = useSavingForm(form, onSubmit, onSaved);

  return (
    <form onSubmit={submit} noValidate>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm" maw={860}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('targets.kindField')}
              data={TARGET_KINDS.map((k) => ({ value: k, label: t(`targets.kind.${k}`) }))}
              required
              allowDeselect={false}
              {...form.getInputProps('kind')}
            />
            <TextInput
              label={t('targets.name')}
              description={t('targets.nameHint')}
              required
              maxLength={300}
              {...form.getInputProps('name')}
            />
            <TextInput label={t('targets.titleField')} maxLength={300} {...form.getInputProps('title')} />
            <TextInput label={t('targets.body')} maxLength={300} {...form.getInputProps('body')} />
          </SimpleGrid>
          <TextInput
            label={t('targets.salutation')}
            description={t('targets.salutationHint')}
            maxLength={200}
            {...form.getInputProps('salutation')}
          />
          {mode === 'create' && (
            <TagsInput
              label={t('targets.emails')}
              description={t('targets.emailsHint')}
              required
              maxTags={20}
              splitChars={[',', ' ', ';']}
              acceptValueOnBlur
              {...form.getInputProps('emails')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
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
              label={t('targets.language')}
              description={t('targets.languageHint')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
              required
              allowDeselect={false}
              {...form.getInputProps('language')}
            />
            <Select
              label={t('targets.timeZone')}
              description={t('targets.timeZoneHint')}
              data={zones}
              searchable
              clearable
              limit={50}
              {...form.getInputProps('timeZone')}
              value={form.values.timeZone || null}
              onChange={(v) => form.setFieldValue('timeZone', v ?? '')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TagsInput
              label={t('targets.regionCodes')}
              description={t('targets.regionCodesHint')}
              maxTags={200}
              splitChars={[',', ' ', ';']}
              acceptValueOnBlur
              {...form.getInputProps('regionCodes')}
            />
            <MultiSelect
              label={t('targets.focusAreas')}
              description={t('targets.focusAreasHint')}
              data={focusAreas}
              {...form.getInputProps('focusAreas')}
            />
            <TagsInput
              label={t('targets.tags')}
              maxTags={50}
              splitChars={[',', ';']}
              acceptValueOnBlur
              {...form.getInputProps('tags')}
            />
            <TextInput
              label={t('targets.externalId')}
              description={t('targets.externalIdHint')}
              maxLength={200}
              {...form.getInputProps('externalId')}
            />
          </SimpleGrid>
          <Textarea label={t('targets.notes')} autosize minRows={3} {...form.getInputProps('notes')} />
          <Switch
            label={t('targets.activeLabel')}
            description={t('targets.activeHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          {!readOnly && (
            <Group>
              <Button type="submit" loading={form.submitting}>
                {submitLabel}
              </Button>
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
