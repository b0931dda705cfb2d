import { Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { EvidenceLinksField, trimmedEvidence } from '../../components/evidence-links';
import { showFieldErrors } from '../../components/forms';
import type { StatusDetail, StatusValue } from './implementation-queries';
import { implementationKeys, STATUSES } from './implementation-queries';

/**
 * Changes (or, with the second-reviewer rule on, proposes) one recommendation's status in a country. It sends the
 * version it started from, so a change saved meanwhile by someone else is refused instead of overwritten.
 */
export function StatusForm({ org, detail }: { org: string; detail: StatusDetail }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      status: detail.status as string,
      evidence: detail.evidence,
      evidenceSummary: detail.evidenceSummary,
      evidenceDate: detail.evidenceDate ?? '',
      lastVerified: detail.lastVerified ?? '',
      note: detail.note,
      comment: '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.PATCH('/api/orgs/{orgSlug}/implementation/statuses/{recommendationId}', {
          params: { path: { orgSlug: org, recommendationId: detail.recommendation.id } },
          body: {
            country: detail.country,
            status: v.status as StatusValue,
            evidence: trimmedEvidence(v.evidence),
            evidenceSummary: v.evidenceSummary.trim(),
            evidenceDate: v.evidenceDate || null,
            lastVerified: v.lastVerified || null,
            note: v.note.trim(),
            comment: v.comment.trim(),
            baseVersion: detail.version,
          },
        }),
      ),
    onSuccess: (outcome) => {
      void queryClient.invalidateQueries({ queryKey: implementationKeys(org) });
      notifySuccess(
        t(outcome.applied ? 'implementation.saved' : 'implementation.proposed', { code: detail.recommendation.code }),
      );
      form.setFieldValue('comment', '');
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  const pending = detail.pendingProposal !== null;
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate aria-label={t('implementation.editorTitle')}>
      <Stack gap="sm">
        <Select
          label={t('implementation.statusField')}
          data={STATUSES.map((s) => ({ value: s, label: t(`implementation.status.${s}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <EvidenceLinksField form={form} area="implementation" />
        <Textarea
          label={t('implementation.evidenceSummary')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('evidenceSummary')}
        />
        <SimpleGrid cols={2}>
          <TextInput type="date" label={t('implementation.evidenceDate')} {...form.getInputProps('evidenceDate')} />
          <TextInput type="date" label={t('implementation.lastVerified')} {...form.getInputProps('lastVerified')} />
        </SimpleGrid>
        <Textarea
          label={t('implementation.note')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('note')}
        />
        <TextInput
          label={t('implementation.comment')}
          description={t('implementation.commentHint')}
          maxLength={2000}
          {...form.getInputProps('comment')}
        />
        {pending && (
          <Text size="sm" c="dimmed">
            {t('implementation.pendingBlocks')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={pending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
