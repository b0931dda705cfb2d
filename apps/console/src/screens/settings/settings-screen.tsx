import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { Loading, LoadError, notifySuccess } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { useSavingForm } from '../../components/forms';
import { Page } from '../../components/page';
import { LANGUAGES } from '../../i18n';
import countries from '../../i18n/shared/countries.json';
import { useOrg } from '../../session/org';
import { InboundSourcesPanel } from './inbound-sources';
import { MailRelayPanel } from './mail-relay';
import type { Organisation } from './organisation-queries';
import { mailSettingsQuery, organisationQuery } from './organisation-queries';

/**
 * The organisation's details (everyone reads them; admins change them), its mail settings and the ways inbound mail
 * reaches Rally (admins only).
 */
export function SettingsScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const organisation = useQuery(organisationQuery(org));
  if (organisation.error) return <LoadError error={organisation.error} retry={() => void organisation.refetch()} />;
  if (!organisation.data) return <Loading />;
  return (
    <Page title={t('settings.title')}>
      <Paper withBorder p="lg">
        <OrganisationForm
          key={JSON.stringify(organisation.data)}
          organisation={organisation.data}
          editable={can('organisation.manage')}
        />
      </Paper>
      {can('mail-settings.manage') && (
        <Paper withBorder p="lg">
          <MailSettings org={org} />
        </Paper>
      )}
      {can('mail-settings.manage') && (
        <Paper withBorder p="lg">
          <MailRelayPanel org={org} />
        </Paper>
      )}
      {can('inbound.sources') && (
        <Paper withBorder p="lg">
          <InboundSourcesPanel org={org} />
        </Paper>
      )}
    </Page>
  );
}

function OrganisationForm({ organisation, editable }: { organisation: Organisation; editable: boolean }): ReactNode {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const countryName = useCountryName();
  const countryChoices = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return countries
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, i18n.language]);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const form = useForm({
    initialValues: {
      name: organisation.name,
      country: organisation.country,
      timeZone: organisation.timeZone,
      defaultLanguage: organisation.defaultLanguage,
    },
    validate: { name: (v) => (v.trim() ? null : t('shared:errors.required')) },
  });
  const submit = useSavingForm(
    form,
    (values) =>
      unwrap(
        api.PATCH('/api/orgs/{orgSlug}', {
          params: { path: { orgSlug: organisation.slug } },
          body: { ...values, name: values.name.trim(), defaultLanguage: values.defaultLanguage as Schemas['Language'] },
        }),
      ),
    (saved) => {
      queryClient.setQueryData(organisationQuery(organisation.slug).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['session'] });
      notifySuccess(t('common.saved'));
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={720}>
        <Title order={2} size="h4">
          {t('settings.organisation')}
        </Title>
        {!editable && (
          <Text size="sm" c="dimmed">
            {t('settings.readOnly')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settings.name')} required disabled={!editable} {...form.getInputProps('name')} />
          <TextInput
            label={t('settings.slug')}
            description={t('settings.slugHint')}
            value={organisation.slug}
            readOnly
            disabled
          />
          <Select
            label={t('settings.country')}
            data={countryChoices}
            searchable
            allowDeselect={false}
            disabled={!editable}
            {...form.getInputProps('country')}
          />
          <Select
            label={t('settings.timeZone')}
            description={t('settings.timeZoneHint')}
            data={zones}
            searchable
            allowDeselect={false}
            limit={50}
            disabled={!editable}
            {...form.getInputProps('timeZone')}
          />
          <Select
            label={t('settings.defaultLanguage')}
            description={t('settings.defaultLanguageHint')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
            allowDeselect={false}
            disabled={!editable}
            {...form.getInputProps('defaultLanguage')}
          />
        </SimpleGrid>
        {editable && (
          <Group>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

function MailSettings({ org }: { org: string }): ReactNode {
  const { t } = useTranslation();
  const settings = useQuery(mailSettingsQuery(org));
  if (settings.error) return <LoadError error={settings.error} retry={() => void settings.refetch()} />;
  if (!settings.data) return <Loading />;
  return (
    <MailSettingsForm
      key={settings.data.sendingAddress ?? ''}
      org={org}
      sendingAddress={settings.data.sendingAddress}
      t={t}
    />
  );
}

function MailSettingsForm({
  org,
  sendingAddress,
  t,
}: {
  org: string;
  sendingAddress: string | null;
  t: (key: string, options?: Record<string, unknown>) => string;
}): ReactNode {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { sendingAddress: sendingAddress ?? '' },
    validate: {
      sendingAddress: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('shared:errors.email')),
    },
  });
  const submit = useSavingForm(
    form,
    (values) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/mail-settings', {
          params: { path: { orgSlug: org } },
          body: { sendingAddress: values.sendingAddress.trim() || null },
        }),
      ),
    (saved) => {
      queryClient.setQueryData(mailSettingsQuery(org).queryKey, saved);
      notifySuccess(t('common.saved'));
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={560}>
        <Title order={2} size="h4">
          {t('settings.mail')}
        </Title>
        <Alert color="gray" variant="light">
          {t('settings.mailHint')}
        </Alert>
        <TextInput
          label={t('settings.sendingAddress')}
          description={t('settings.sendingAddressHint')}
          type="email"
          {...form.getInputProps('sendingAddress')}
        />
        <Group>
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
