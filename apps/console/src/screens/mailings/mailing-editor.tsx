import {
  Button,
  Code,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import type { Mailing, MailingAudience, MailingAudienceKind, MailingVariant } from './mailing-queries';
import { AUDIENCE_KINDS, audienceChoicesQuery, audienceIdField, mailingKeys } from './mailing-queries';
import { MailingPreview } from './mailing-preview';

const LANGUAGES: Schemas['Language'][] = ['en', 'fr', 'es'];
const ROLES: Schemas['Role'][] = ['admin', 'coordinator', 'campaigner'];
/** The server's mailing merge fields (MAILING_MERGE_FIELDS); the check at save names any other as unknown. */
const MERGE_FIELDS = [
  'supporter.firstName',
  'supporter.lastName',
  'supporter.fullName',
  'campaign.name',
  'organisation.name',
  'petition.title',
  'petition.count',
  'petition.goal',
  'response.target',
  'response.summary',
  'response.date',
];

interface Values {
  name: string;
  audience: {
    kind: MailingAudienceKind;
    petitionId: string | null;
    actionId: string | null;
    campaignId: string | null;
    roles: string[];
    filters: { countries: string[]; regions: string[]; languages: string[]; joinedAfter: string };
  };
  variants: MailingVariant[];
  fallbackLanguage: string;
}

function valuesOf(m: Mailing | null): Values {
  const a = m?.audience;
  return {
    name: m?.name ?? '',
    audience: {
      kind: a?.kind ?? 'petition-signers',
      petitionId: a?.petitionId ?? null,
      actionId: a?.actionId ?? null,
      campaignId: a?.campaignId ?? null,
      roles: a?.roles ?? [],
      filters: {
        countries: a?.filters?.countries ?? [],
        regions: a?.filters?.regions ?? [],
        languages: a?.filters?.languages ?? [],
        joinedAfter: a?.filters?.joinedAfter?.slice(0, 10) ?? '',
      },
    },
    variants: m?.variants.map((v) => ({ ...v })) ?? [{ language: 'en', subject: '', body: '' }],
    fallbackLanguage: m?.fallbackLanguage ?? 'en',
  };
}

/** Only the fields of the chosen kind, as the API takes them. */
export function audienceBody(a: Values['audience']): MailingAudience {
  const field = audienceIdField(a.kind);
  const f = a.filters;
  const filters = {
    ...(f.countries.length ? { countries: f.countries.map((c) => c.trim().toUpperCase()) } : {}),
    ...(f.regions.length ? { regions: f.regions } : {}),
    ...(f.languages.length ? { languages: f.languages as Schemas['Language'][] } : {}),
    ...(f.joinedAfter ? { joinedAfter: `${f.joinedAfter}T00:00:00Z` } : {}),
  };
  return {
    kind: a.kind,
    ...(field ? { [field]: a[field] ?? '' } : {}),
    ...(a.kind === 'staff' ? { roles: a.roles as Schemas['Role'][] } : { filters }),
  };
}

/**
 * A mailing's words and audience: the audience builder with its recipient count (consent, preferences and the
 * suppression list applied, as a send would), one variant per language in the safe template system, the preview
 * and a test send to oneself. The server's field errors show on the fields they name.
 */
export function MailingEditor({
  org,
  mailing,
  onSaved,
}: {
  org: string;
  mailing: Mailing | null;
  onSaved: (saved: Mailing) => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({ initialValues: valuesOf(mailing) });
  const [count, setCount] = useState<number | null>(null);
  const kind = form.values.audience.kind;
  const idField = audienceIdField(kind);
  const choices = useQuery({ ...audienceChoicesQuery(org, kind), enabled: idField !== null });

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        audience: audienceBody(v.audience),
        variants: v.variants.map((x) => ({ ...x, language: x.language as Schemas['Language'] })),
        fallbackLanguage: v.fallbackLanguage as Schemas['Language'],
      };
      return mailing
        ? unwrap(
            api.PATCH('/api/orgs/{orgSlug}/mailings/{mailingId}', {
              params: { path: { orgSlug: org, mailingId: mailing.id } },
              body,
            }),
          )
        : unwrap(api.POST('/api/orgs/{orgSlug}/mailings', { params: { path: { orgSlug: org } }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: mailingKeys(org) });
      form.resetDirty(valuesOf(saved));
      notifySuccess(t('mailings.saved', { name: saved.name }));
      onSaved(saved);
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  const counting = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/mailings/audience-count', {
          params: { path: { orgSlug: org } },
          body: audienceBody(form.values.audience),
        }),
      ),
    onSuccess: (r) => setCount(r.recipients),
    onError: (error) => {
      setCount(null);
      if (!showFieldErrors(form, prefixed(error))) notifyError(error, t('mailings.countFailed'));
    },
  });
  const used = form.values.variants.map((v) => v.language);
  const addable = LANGUAGES.filter((l) => !used.includes(l));

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="lg">
        <TextInput label={t('mailings.name')} required maxLength={200} {...form.getInputProps('name')} />
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('mailings.audience')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('mailings.audienceKindField')}
                data={AUDIENCE_KINDS.map((k) => ({ value: k, label: t(`mailings.audienceKind.${k}`) }))}
                allowDeselect={false}
                {...form.getInputProps('audience.kind')}
                onChange={(v) => {
                  form.setFieldValue('audience.kind', (v ?? 'petition-signers') as MailingAudienceKind);
                  setCount(null);
                }}
              />
              {idField && (
                <Select
                  label={t(`mailings.audienceRef.${kind}`)}
                  data={choices.data ?? []}
                  searchable
                  required
                  {...form.getInputProps(`audience.${idField}`)}
                />
              )}
              {kind === 'staff' && (
                <MultiSelect
                  label={t('mailings.roles')}
                  data={ROLES.map((r) => ({ value: r, label: t(`shared:role.${r}`) }))}
                  required
                  {...form.getInputProps('audience.roles')}
                />
              )}
            </SimpleGrid>
            {kind !== 'staff' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TagsInput
                  label={t('mailings.countries')}
                  description={t('mailings.countriesHint')}
                  {...form.getInputProps('audience.filters.countries')}
                />
                <TagsInput label={t('mailings.regions')} {...form.getInputProps('audience.filters.regions')} />
                <MultiSelect
                  label={t('mailings.languages')}
                  data={LANGUAGES.map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
                  {...form.getInputProps('audience.filters.languages')}
                />
                <TextInput
                  type="date"
                  label={t('mailings.joinedAfter')}
                  {...form.getInputProps('audience.filters.joinedAfter')}
                />
              </SimpleGrid>
            )}
            <Group>
              <Button variant="default" loading={counting.isPending} onClick={() => counting.mutate()}>
                {t('mailings.count')}
              </Button>
              {count !== null && (
                <Text role="status" size="sm">
                  {t('mailings.recipients', { count })}
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('mailings.consentNote')}
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('mailings.content')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('mailings.mergeFields')}{' '}
              {MERGE_FIELDS.map((f) => (
                <Code key={f} mr={4}>{`{{${f}}}`}</Code>
              ))}
            </Text>
            {form.values.variants.map((v, i) => (
              <Stack key={v.language} gap="xs">
                <Group justify="space-between">
                  <Text fw={600}>{t(`shared:language.${v.language}`)}</Text>
                  {form.values.variants.length > 1 && (
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={t('mailings.removeVariantOf', { language: t(`shared:language.${v.language}`) })}
                      onClick={() => form.removeListItem('variants', i)}
                    >
                      {t('mailings.removeVariant')}
                    </Button>
                  )}
                </Group>
                <TextInput label={t('mailings.subject')} required {...form.getInputProps(`variants.${i}.subject`)} />
                <Textarea
                  label={t('mailings.body')}
                  required
                  autosize
                  minRows={6}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  {...form.getInputProps(`variants.${i}.body`)}
                />
              </Stack>
            ))}
            <Group>
              {addable.map((l) => (
                <Button
                  key={l}
                  size="xs"
                  variant="default"
                  onClick={() => form.insertListItem('variants', { language: l, subject: '', body: '' })}
                >
                  {t('mailings.addVariant', { language: t(`shared:language.${l}`) })}
                </Button>
              ))}
            </Group>
            <Select
              label={t('mailings.fallback')}
              description={t('mailings.fallbackHint')}
              data={used.map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
              allowDeselect={false}
              w={260}
              {...form.getInputProps('fallbackLanguage')}
            />
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {mailing ? t('mailings.save') : t('mailings.create')}
          </Button>
        </Group>
        {mailing && (
          <MailingPreview
            org={org}
            mailingId={mailing.id}
            variants={form.values.variants}
            fallback={form.values.fallbackLanguage}
          />
        )}
      </Stack>
    </form>
  );
}

/** The count route takes the audience as its whole body: its field errors name `kind`, the form `audience.kind`. */
function prefixed(error: unknown): unknown {
  const e = error as { fields?: Record<string, string[]> };
  if (!e?.fields) return error;
  e.fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [`audience.${k}`, v]));
  return error;
}
