import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { EvidenceLinksField, trimmedEvidence } from '../../components/evidence-links';
import { showFieldErrors } from '../../components/forms';
import type { FocusArea, Recommendation } from './recommendation-queries';
import { FOCUS_AREAS, recommendationKeys } from './recommendation-queries';

const OVERARCHING = 'overarching';

/** Adds or edits one of the organisation's own recommendations; the server's field errors show beside each input. */
export function RecommendationForm({
  org,
  row,
  onDone,
}: {
  org: string;
  row: Recommendation | null;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const required = (v: string) => (v.trim() ? null : t('shared:errors.required'));
  const form = useForm({
    initialValues: {
      code: row?.code ?? '',
      focusArea: (row?.focusArea ?? OVERARCHING) as string,
      title: row?.title ?? '',
      summary: row?.summary ?? '',
      sourceLabel: row?.sourceLabel ?? '',
      sourceReference: row?.sourceReference ?? '',
      evidence: row?.evidence ?? [],
      withdrawn: row?.withdrawn ?? false,
    },
    validate: { code: required, title: required, sourceLabel: required },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        code: v.code.trim(),
        focusArea: v.focusArea === OVERARCHING ? null : (v.focusArea as FocusArea),
        title: v.title.trim(),
        summary: v.summary.trim(),
        sourceLabel: v.sourceLabel.trim(),
        sourceReference: v.sourceReference.trim(),
        evidence: trimmedEvidence(v.evidence),
      };
      // Withdrawing is an edit of an existing one; a new recommendation starts current.
      return row
        ? unwrap(
            api.PATCH('/api/orgs/{orgSlug}/recommendations/{recommendationId}', {
              params: { path: { orgSlug: org, recommendationId: row.id } },
              body: { ...body, withdrawn: v.withdrawn },
            }),
          )
        : unwrap(api.POST('/api/orgs/{orgSlug}/recommendations', { params: { path: { orgSlug: org } }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: recommendationKeys(org) });
      notifySuccess(t('recommendations.saved', { code: saved.code }));
      onDone();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput
            label={t('recommendations.code')}
            description={t('recommendations.codeHint')}
            required
            maxLength={40}
            data-autofocus
            {...form.getInputProps('code')}
          />
          <Select
            label={t('recommendations.focusAreaField')}
            data={[OVERARCHING, ...FOCUS_AREAS].map((a) => ({ value: a, label: t(`recommendations.focusArea.${a}`) }))}
            allowDeselect={false}
            {...form.getInputProps('focusArea')}
          />
        </SimpleGrid>
        <TextInput label={t('recommendations.titleField')} required maxLength={300} {...form.getInputProps('title')} />
        <Textarea
          label={t('recommendations.summary')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('summary')}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('recommendations.sourceLabel')}
            description={t('recommendations.sourceLabelHint')}
            required
            maxLength={200}
            {...form.getInputProps('sourceLabel')}
          />
          <TextInput
            label={t('recommendations.sourceReference')}
            description={t('recommendations.sourceReferenceHint')}
            maxLength={300}
            {...form.getInputProps('sourceReference')}
          />
        </SimpleGrid>
        <EvidenceLinksField form={form} area="recommendations" />
        {row && (
          <Checkbox
            label={t('recommendations.withdrawnToggle')}
            description={t('recommendations.withdrawnHint')}
            {...form.getInputProps('withdrawn', { type: 'checkbox' })}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
