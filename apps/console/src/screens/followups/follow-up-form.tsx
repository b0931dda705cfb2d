import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { showFieldErrors } from '../../components/forms';
import { useOrg } from '../../session/org';
import { campaignChoicesQuery, recommendationChoicesQuery, targetChoicesQuery } from '../responses/response-queries';
import { todayHere } from './follow-up-days';
import type { FollowUp } from './follow-up-queries';
import { followUpKeys, memberChoicesQuery, responseChoicesQuery } from './follow-up-queries';

/**
 * Creates or edits a follow-up: what, by when, who (a member, who gets the reminders) and what it is about; the
 * server's field errors show beside each input.
 */
export function FollowUpForm({
  row,
  onDone,
}: {
  row: FollowUp | null;
  onDone: (saved: FollowUp | null) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { org, me } = useOrg();
  const queryClient = useQueryClient();
  const members = useQuery(memberChoicesQuery(org));
  const campaigns = useQuery(campaignChoicesQuery(org));
  const targets = useQuery(targetChoicesQuery(org));
  const recommendations = useQuery(recommendationChoicesQuery(org));
  const responses = useQuery(responseChoicesQuery(org));
  const day = useFormat('UTC');
  const self = me?.actor.kind === 'user' ? me.actor.userId : null;
  const form = useForm({
    initialValues: {
      title: row?.title ?? '',
      dueOn: row?.dueOn ?? todayHere(),
      ownerId: row?.ownerId ?? self,
      note: row?.note ?? '',
      campaignId: row?.campaignId ?? null,
      targetIds: row?.targets.map((x) => x.id) ?? [],
      recommendationCodes: row?.recommendations.map((r) => r.code) ?? [],
      responseIds: row?.responses.map((r) => r.id) ?? [],
    },
    validate: {
      title: (v) => (v.trim() ? null : t('shared:errors.required')),
      dueOn: (v) => (v ? null : t('shared:errors.required')),
      ownerId: (v) => (v ? null : t('shared:errors.required')),
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        title: v.title.trim(),
        dueOn: v.dueOn,
        ownerId: v.ownerId ?? '',
        note: v.note.trim(),
        campaignId: v.campaignId,
        targetIds: v.targetIds,
        recommendationCodes: v.recommendationCodes,
        responseIds: v.responseIds,
      };
      return row
        ? unwrap(
            api.PATCH('/api/orgs/{orgSlug}/follow-ups/{followUpId}', {
              params: { path: { orgSlug: org, followUpId: row.id } },
              body,
            }),
          )
        : unwrap(api.POST('/api/orgs/{orgSlug}/follow-ups', { params: { path: { orgSlug: org } }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: followUpKeys(org) });
      notifySuccess(t('followups.saved', { title: saved.title }));
      onDone(saved);
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });

  // Choices are the current windows; links already made stay shown even if they fell out of them.
  const memberData = (members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }));
  if (row && !memberData.some((m) => m.value === row.ownerId))
    memberData.push({ value: row.ownerId, label: row.ownerName || t('followups.formerMember') });
  const campaignData = (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (row?.campaignId && row.campaignName && !campaignData.some((c) => c.value === row.campaignId))
    campaignData.push({ value: row.campaignId, label: row.campaignName });
  const targetData = (targets.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));
  for (const x of row?.targets ?? [])
    if (!targetData.some((d) => d.value === x.id)) targetData.push({ value: x.id, label: x.name });
  const recommendationData = (recommendations.data?.items ?? []).map((r) => ({
    value: r.code,
    label: `${r.code} — ${r.title}`,
  }));
  for (const r of row?.recommendations ?? [])
    if (!recommendationData.some((d) => d.value === r.code))
      recommendationData.push({ value: r.code, label: `${r.code} — ${r.title}` });

  const responseLabel = (r: { occurredOn: string; targetName: string }) =>
    `${day.date(r.occurredOn)} · ${r.targetName}`;
  const responseData = (responses.data?.items ?? []).map((r) => ({ value: r.id, label: responseLabel(r) }));
  for (const r of row?.responses ?? [])
    if (!responseData.some((d) => d.value === r.id)) responseData.push({ value: r.id, label: responseLabel(r) });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('followups.titleField')}
          required
          data-autofocus
          maxLength={300}
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('followups.dueOn')} required {...form.getInputProps('dueOn')} />
          <Select
            label={t('followups.owner')}
            description={t('followups.ownerHint')}
            required
            searchable
            data={memberData}
            nothingFoundMessage={t('followups.nothingFound')}
            {...form.getInputProps('ownerId')}
          />
        </SimpleGrid>
        <Textarea label={t('followups.note')} autosize minRows={2} maxLength={10_000} {...form.getInputProps('note')} />
        <Select
          label={t('followups.campaign')}
          clearable
          searchable
          data={campaignData}
          nothingFoundMessage={t('followups.nothingFound')}
          {...form.getInputProps('campaignId')}
        />
        <MultiSelect
          label={t('followups.targets')}
          searchable
          data={targetData}
          nothingFoundMessage={t('followups.nothingFound')}
          {...form.getInputProps('targetIds')}
        />
        <MultiSelect
          label={t('followups.recommendations')}
          searchable
          data={recommendationData}
          nothingFoundMessage={t('followups.nothingFound')}
          {...form.getInputProps('recommendationCodes')}
        />
        <MultiSelect
          label={t('followups.responses')}
          description={t('followups.responsesHint')}
          searchable
          data={responseData}
          nothingFoundMessage={t('followups.nothingFound')}
          {...form.getInputProps('responseIds')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {row ? t('common.save') : t('followups.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
