import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavingForm } from '../../components/forms';

export interface CampaignValues {
  name: string;
  description: string;
}

/** A campaign's name and description, for creating and editing; the server's field errors land on the fields. */
export function CampaignForm<T>({
  initial,
  submitLabel,
  onSubmit,
  onSaved,
  onCancel,
}: {
  initial: CampaignValues;
  submitLabel: string;
  onSubmit: (values: CampaignValues) => Promise<T>;
  onSaved: (saved: T) => void;
  onCancel?: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: initial,
    validate: {
      name: (v) => (!v.trim() ? t('shared:errors.required') : v.length > 200 ? t('shared:errors.tooLong') : null),
      description: (v) => (v.length > 5000 ? t('shared:errors.tooLong') : null),
    },
  });
  const submit = useSavingForm(
    form,
    (values) => onSubmit({ name: values.name.trim(), description: values.description.trim() }),
    onSaved,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={640}>
        <TextInput label={t('campaigns.name')} required maxLength={200} {...form.getInputProps('name')} />
        <Textarea
          label={t('campaigns.description')}
          description={t('campaigns.descriptionHint')}
          autosize
          minRows={3}
          {...form.getInputProps('description')}
        />
        <Group>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
