import { Button, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import { useOrg } from '../../session/org';
import { campaignChoicesQuery, targetChoicesQuery } from '../responses/response-queries';
import type { EscalationAction, EscalationRule } from './follow-up-queries';
import { draftActionsQuery, ESCALATION_ACTIONS, followUpKeys, memberChoicesQuery } from './follow-up-queries';

/** A rule: which campaign, how many days, which targets, and what to do; only the chosen action's fields show. */
export function EscalationRuleForm({ row, onDone }: { row: EscalationRule | null; onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const queryClient = useQueryClient();
  const campaigns = useQuery(campaignChoicesQuery(org));
  const targets = useQuery(targetChoicesQuery(org));
  const members = useQuery(memberChoicesQuery(org));
  const drafts = useQuery(draftActionsQuery(org));
  const form = useForm({
    initialValues: {
      campaignId: row?.campaignId ?? null,
      name: row?.name ?? '',
      days: row?.days ?? 30,
      targetIds: row?.targetIds ?? [],
      action: (row?.action ?? 'follow-up') as EscalationAction,
      ownerId: row?.ownerId ?? null,
      followUpTitle: row?.followUpTitle ?? '',
      followUpDueDays: row?.followUpDueDays ?? 7,
      letterActionId: row?.letterActionId ?? null,
      enabled: row?.enabled ?? true,
    },
    validate: {
      campaignId: (v) => (row || v ? null : t('shared:errors.required')),
      name: (v) => (v.trim() ? null : t('shared:errors.required')),
    },
  });
  const v = form.values;
  const save = useMutation({
    mutationFn: (values: typeof form.values) => {
      const follow = values.action === 'follow-up';
      const body = {
        name: values.name.trim(),
        days: Number(values.days),
        targetIds: values.targetIds.length > 0 ? values.targetIds : null,
        action: values.action,
        ownerId: follow ? values.ownerId : null,
        followUpTitle: follow ? values.followUpTitle.trim() || null : null,
        followUpDueDays: Number(values.followUpDueDays),
        letterActionId: values.action === 'open-action' ? values.letterActionId : null,
        enabled: values.enabled,
      };
      return row
        ? unwrap(
            api.PATCH('/api/orgs/{orgSlug}/escalation-rules/{escalationRuleId}', {
              params: { path: { orgSlug: org, escalationRuleId: row.id } },
              body,
            }),
          )
        : unwrap(
            api.POST('/api/orgs/{orgSlug}/escalation-rules', {
              params: { path: { orgSlug: org } },
              body: { ...body, campaignId: values.campaignId ?? '' },
            }),
          );
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: followUpKeys(org) });
      notifySuccess(t('followups.escalations.saved', { name: saved.name }));
      onDone();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  const draftData = (drafts.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }));
  if (row?.letterActionId && !draftData.some((d) => d.value === row.letterActionId))
    draftData.push({ value: row.letterActionId, label: row.letterActionTitle ?? row.letterActionId });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        {row ? null : (
          <Select
            label={t('followups.campaign')}
            required
            searchable
            data-autofocus
            data={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            nothingFoundMessage={t('followups.nothingFound')}
            {...form.getInputProps('campaignId')}
          />
        )}
        <TextInput label={t('followups.escalations.name')} required maxLength={200} {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('followups.escalations.days')}
            description={t('followups.escalations.daysHint')}
            min={1}
            max={365}
            allowDecimal={false}
            {...form.getInputProps('days')}
          />
          <Select
            label={t('followups.escalations.action')}
            data={ESCALATION_ACTIONS.map((a) => ({ value: a, label: t(`followups.escalations.actions.${a}`) }))}
            allowDeselect={false}
            {...form.getInputProps('action')}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('followups.targets')}
          description={t('followups.escalations.targetsHint')}
          searchable
          data={(targets.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          nothingFoundMessage={t('followups.nothingFound')}
          {...form.getInputProps('targetIds')}
        />
        {v.action === 'follow-up' && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('followups.owner')}
                required
                searchable
                data={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }))}
                nothingFoundMessage={t('followups.nothingFound')}
                {...form.getInputProps('ownerId')}
              />
              <NumberInput
                label={t('followups.escalations.dueDays')}
                min={0}
                max={365}
                allowDecimal={false}
                {...form.getInputProps('followUpDueDays')}
              />
            </SimpleGrid>
            <TextInput
              label={t('followups.escalations.followUpTitle')}
              description={t('followups.escalations.followUpTitleHint')}
              required
              maxLength={250}
              {...form.getInputProps('followUpTitle')}
            />
          </>
        )}
        {v.action === 'open-action' && (
          <Select
            label={t('followups.escalations.letterAction')}
            description={t('followups.escalations.letterActionHint')}
            required
            searchable
            data={draftData}
            nothingFoundMessage={t('followups.escalations.noDrafts')}
            {...form.getInputProps('letterActionId')}
          />
        )}
        <Checkbox label={t('followups.escalations.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
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
