import { Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { EmptyState, Loading, LoadError, notifySuccess } from '../../components/feedback';
import { useSavingForm } from '../../components/forms';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import { LANGUAGES } from '../../i18n';
import { useOrg } from '../../session/org';
import { campaignsQuery } from '../campaigns/campaign-queries';
import { slugify } from '../petitions/slug';
import { organisationQuery } from '../settings/organisation-queries';
import { EDITABLE_MARKS, letterKeys } from './letter-queries';
import { RoutingFields } from './routing-fields';
import type { RoutingValues } from './routing-values';
import { NEW_ROUTING, routingProblems, toRoutingDto } from './routing-values';

interface NewActionValues {
  campaignId: string;
  title: string;
  slug: string;
  language: string;
  intro: string;
  editable: boolean;
  routing: RoutingValues;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A new letter action starts as a draft: its page answers only once it is opened, with a letter written. */
export function LetterActionNewScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const { campaignId } = useSearch({ from: '/authed/o/$org/letters/new' });
  const campaigns = useQuery(campaignsQuery(org, { limit: 100 }));
  const organisation = useQuery(organisationQuery(org));

  const error = campaigns.error ?? organisation.error;
  if (error) return <LoadError error={error} retry={() => void campaigns.refetch()} />;
  if (!campaigns.data || !organisation.data) return <Loading />;
  if (campaigns.data.total === 0)
    return (
      <Page title={t('letters.newTitle')}>
        <EmptyState title={t('letters.needCampaignTitle')} hint={t('letters.needCampaignHint')} />
      </Page>
    );
  const choices = campaigns.data.items.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Page title={t('letters.newTitle')}>
      <NewActionForm
        org={org}
        campaigns={choices}
        initial={{
          campaignId: campaignId ?? (choices.length === 1 ? (choices[0]?.value ?? '') : ''),
          title: '',
          slug: '',
          language: organisation.data.defaultLanguage,
          intro: '',
          editable: false,
          routing: NEW_ROUTING,
        }}
      />
    </Page>
  );
}

function NewActionForm({
  org,
  campaigns,
  initial,
}: {
  org: string;
  campaigns: { value: string; label: string }[];
  initial: NewActionValues;
}): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const required = (v: string) => (v.trim() ? null : t('shared:errors.required'));
  const form = useForm<NewActionValues>({
    initialValues: initial,
    validate: (values) => ({
      campaignId: values.campaignId ? null : t('shared:errors.required'),
      title: required(values.title) ?? (values.title.trim().length < 3 ? t('letters.tooShort', { min: 3 }) : null),
      slug: !values.slug
        ? t('shared:errors.required')
        : SLUG.test(values.slug) && values.slug.length >= 3
          ? null
          : t('letters.slugRule'),
      ...Object.fromEntries(Object.entries(routingProblems(values.routing)).map(([k, key]) => [k, t(key)])),
    }),
  });
  // The address follows the title until the campaigner edits it (as on the petition form).
  const [slugEdited, setSlugEdited] = useState(false);
  const submit = useSavingForm(
    form,
    (values) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/letter-actions', {
          params: { path: { orgSlug: org } },
          body: {
            campaignId: values.campaignId,
            title: values.title.trim(),
            slug: values.slug,
            language: values.language as Schemas['Language'],
            intro: values.intro.trim(),
            editable: values.editable,
            routing: toRoutingDto(values.routing),
          },
        }),
      ),
    (action) => {
      void queryClient.invalidateQueries({ queryKey: letterKeys(org) });
      notifySuccess(t('letters.created', { title: action.title }));
      void navigate({
        to: '/o/$org/letters/$actionId',
        params: { org, actionId: action.id },
        search: { tab: 'letter' },
      });
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={820}>
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('letters.campaign')}
                data={campaigns}
                required
                searchable
                {...form.getInputProps('campaignId')}
              />
              <Select
                label={t('letters.language')}
                description={t('letters.languageHint')}
                data={LANGUAGES.map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
                allowDeselect={false}
                {...form.getInputProps('language')}
              />
            </SimpleGrid>
            <TextInput
              label={t('letters.titleField')}
              required
              maxLength={200}
              {...form.getInputProps('title')}
              onChange={(e) => {
                form.setFieldValue('title', e.currentTarget.value);
                if (!slugEdited) form.setFieldValue('slug', slugify(e.currentTarget.value));
              }}
            />
            <TextInput
              label={t('letters.slug')}
              description={t('letters.slugHint')}
              required
              maxLength={80}
              {...form.getInputProps('slug')}
              onChange={(e) => {
                setSlugEdited(true);
                form.setFieldValue('slug', e.currentTarget.value);
              }}
            />
            <Textarea
              label={t('letters.intro')}
              description={t('letters.introHint')}
              autosize
              minRows={3}
              maxLength={5000}
              {...form.getInputProps('intro')}
            />
            <Switch
              label={t('letters.editable')}
              description={t('letters.editableHint', EDITABLE_MARKS)}
              {...form.getInputProps('editable', { type: 'checkbox' })}
            />
          </Stack>
        </Paper>
        <Section title={t('letters.tabs.routing')}>
          <RoutingFields org={org} form={form} />
        </Section>
        <Group>
          <Button type="submit" loading={form.submitting}>
            {t('letters.createDraft')}
          </Button>
          <Button variant="default" onClick={() => window.history.back()}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
