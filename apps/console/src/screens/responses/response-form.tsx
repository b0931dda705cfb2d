import { Button, Group, List, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { EvidenceLinksField, trimmedEvidence } from '../../components/evidence-links';
import { showFieldErrors } from '../../components/forms';
import { AnchorLink } from '../../components/links';
import type { Response, ResponseChannel, ResponseStance, ResponseStatus } from './response-queries';
import {
  campaignChoicesQuery,
  CHANNELS,
  recommendationChoicesQuery,
  responseKeys,
  STANCES,
  targetChoicesQuery,
} from './response-queries';

/** Today in the browser's zone, as the API's calendar day: what a coordinator logging a meeting means by "today". */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * Records a response by hand (a meeting, a statement) or classifies and edits one; the server's field errors show
 * beside each input. A draft can be saved as it is or recorded, which needs a stance.
 */
export function ResponseForm({
  org,
  row,
  defaults,
  onDone,
}: {
  org: string;
  row: Response | null;
  defaults: { targetId?: string; campaignId?: string };
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const targets = useQuery({ ...targetChoicesQuery(org), enabled: row === null });
  const campaigns = useQuery(campaignChoicesQuery(org));
  const recommendations = useQuery(recommendationChoicesQuery(org));
  const form = useForm({
    initialValues: {
      targetId: row?.targetId ?? defaults.targetId ?? null,
      campaignId: row?.campaignId ?? defaults.campaignId ?? null,
      occurredOn: row?.occurredOn ?? today(),
      channel: (row?.channel ?? 'meeting') as string,
      stance: (row?.stance ?? null) as string | null,
      summary: row?.summary ?? '',
      recommendationIds: row?.recommendations.map((r) => r.id) ?? [],
      evidence: row?.evidence.map((e) => ({ ...e })) ?? [],
    },
    validate: {
      targetId: (v) => (row || v ? null : t('shared:errors.required')),
      occurredOn: (v) => (v ? null : t('shared:errors.required')),
    },
  });
  const save = useMutation({
    mutationFn: ({ v, status }: { v: typeof form.values; status: ResponseStatus }) => {
      const body = {
        campaignId: v.campaignId,
        occurredOn: v.occurredOn,
        channel: v.channel as ResponseChannel,
        stance: v.stance as ResponseStance | null,
        summary: v.summary.trim(),
        status,
        recommendationIds: v.recommendationIds,
        evidence: trimmedEvidence(v.evidence),
      };
      return row
        ? unwrap(
            api.PATCH('/api/orgs/{orgSlug}/responses/{responseId}', {
              params: { path: { orgSlug: org, responseId: row.id } },
              body,
            }),
          )
        : unwrap(
            api.POST('/api/orgs/{orgSlug}/responses', {
              params: { path: { orgSlug: org } },
              body: { ...body, targetId: v.targetId ?? '' },
            }),
          );
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: responseKeys(org) });
      notifySuccess(
        t(saved.status === 'draft' ? 'responses.savedDraft' : 'responses.saved', { target: saved.targetName }),
      );
      onDone();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  const submit = (status: ResponseStatus) => form.onSubmit((v) => save.mutate({ v, status }));

  // The picker lists the current window; links already made stay shown even if they fell out of it (withdrawn).
  const recommendationData = [
    ...(recommendations.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.code} — ${r.title}` })),
    ...(row?.recommendations ?? [])
      .filter((r) => !recommendations.data?.items.some((c) => c.id === r.id))
      .map((r) => ({ value: r.id, label: `${r.code} — ${r.title}` })),
  ];
  const campaignData = (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (row?.campaignId && row.campaignName && !campaignData.some((c) => c.value === row.campaignId))
    campaignData.push({ value: row.campaignId, label: row.campaignName });

  return (
    <form onSubmit={submit('recorded')} noValidate>
      <Stack gap="sm">
        {row ? (
          <Text size="sm">{t('responses.from', { target: row.targetName })}</Text>
        ) : (
          <Select
            label={t('responses.target')}
            required
            searchable
            data-autofocus
            data={(targets.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            nothingFoundMessage={t('responses.nothingFound')}
            {...form.getInputProps('targetId')}
          />
        )}
        <Select
          label={t('responses.campaign')}
          clearable
          searchable
          data={campaignData}
          nothingFoundMessage={t('responses.nothingFound')}
          {...form.getInputProps('campaignId')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('responses.occurredOn')} required {...form.getInputProps('occurredOn')} />
          <Select
            label={t('responses.channelField')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`responses.channel.${c}`) }))}
            allowDeselect={false}
            {...form.getInputProps('channel')}
          />
          <Select
            label={t('responses.stanceField')}
            description={t('responses.stanceHint')}
            clearable
            data={STANCES.map((s) => ({ value: s, label: t(`responses.stance.${s}`) }))}
            {...form.getInputProps('stance')}
          />
        </SimpleGrid>
        <Textarea
          label={t('responses.summary')}
          autosize
          minRows={3}
          maxLength={10_000}
          {...form.getInputProps('summary')}
        />
        <MultiSelect
          label={t('responses.recommendations')}
          description={t('responses.recommendationsHint')}
          searchable
          data={recommendationData}
          nothingFoundMessage={t('responses.nothingFound')}
          {...form.getInputProps('recommendationIds')}
        />
        <EvidenceLinksField form={form} area="responses" supportsMaxLength={500} />
        {row && <Linked org={org} row={row} format={format} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          {row?.status === 'draft' && (
            <Button variant="default" loading={save.isPending} onClick={() => submit('draft')()}>
              {t('responses.saveDraft')}
            </Button>
          )}
          <Button type="submit" loading={save.isPending}>
            {row?.status === 'recorded' ? t('common.save') : t('responses.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The letters it answers and the replies it came from: read here, linked by the server when the reply was captured. */
function Linked({ org, row, format }: { org: string; row: Response; format: ReturnType<typeof useFormat> }): ReactNode {
  const { t } = useTranslation();
  if (row.letters.length === 0 && row.messages.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {row.letters.length > 0 && (
        <Stack gap={4} component="section" aria-label={t('responses.letters')}>
          <Text size="sm" fw={500}>
            {t('responses.letters')}
          </Text>
          <List size="sm" spacing={2}>
            {row.letters.map((l) => (
              <List.Item key={l.id}>
                {l.subject}{' '}
                <Text span size="xs" c="dimmed">
                  {l.sentAt ? t('responses.sentOn', { date: format.date(l.sentAt) }) : t('responses.notSent')}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {row.messages.length > 0 && (
        <Stack gap={4} component="section" aria-label={t('responses.messages')}>
          <Text size="sm" fw={500}>
            {t('responses.messages')}
          </Text>
          <List size="sm" spacing={2}>
            {row.messages.map((m) => (
              <List.Item key={m.id}>
                <AnchorLink size="sm" to="/o/$org/replies/messages/$messageId" params={{ org, messageId: m.id }}>
                  {m.subject || t('responses.noSubject')}
                </AnchorLink>{' '}
                <Text span size="xs" c="dimmed">
                  {m.fromAddress ?? ''} · {format.dateTime(m.receivedAt)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </SimpleGrid>
  );
}
