import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { Loading, LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { showFieldErrors, useSavingForm } from '../../components/forms';
import { PasswordInput } from '../../components/password-input';

type RelaySettings = Schemas['MailRelaySettingsResponse'];
type Relay = Schemas['MailRelayResponse'];

interface RelayValues {
  host: string;
  port: number | string;
  secure: boolean;
  username: string;
  /** Empty: keep the stored one (the server allows it only for the same host and username). */
  password: string;
  enabled: boolean;
}

export const mailRelayQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'mail-relay'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/mail-relay', { params: { path: { orgSlug: org } } })),
  });

const valuesOf = (relay: Relay | null): RelayValues => ({
  host: relay?.host ?? '',
  port: relay?.port ?? 587,
  secure: relay?.secure ?? false,
  username: relay?.username ?? '',
  password: '',
  enabled: relay?.enabled ?? true,
});

/** The server settings as the API takes them; an empty password is left out (kept), an empty username is none. */
const serverOf = (v: RelayValues) => ({
  host: v.host.trim(),
  port: Number(v.port),
  secure: v.secure,
  username: v.username.trim() || null,
  ...(v.password ? { password: v.password } : {}),
});

/**
 * The organisation's own SMTP relay (admins): its mail, letters to ministries first, leaves through the
 * organisation's provider instead of the installation's. The password is write-only: never shown, kept when left empty.
 */
export function MailRelayPanel({ org }: { org: string }): ReactNode {
  const settings = useQuery(mailRelayQuery(org));
  if (settings.error) return <LoadError error={settings.error} retry={() => void settings.refetch()} />;
  if (!settings.data) return <Loading />;
  return <MailRelayForm key={settings.data.relay?.updatedAt ?? 'none'} org={org} settings={settings.data} />;
}

function MailRelayForm({ org, settings }: { org: string; settings: RelaySettings }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [tested, setTested] = useState<Schemas['MailRelayTestResponse'] | null>(null);
  const relay = settings.relay;
  const form = useForm<RelayValues>({
    initialValues: valuesOf(relay),
    validate: {
      host: (v) => (v.trim() ? null : t('shared:errors.required')),
      port: (v) =>
        typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535 ? null : t('settings.relay.portRule'),
    },
  });
  const submit = useSavingForm(
    form,
    (v) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/mail-relay', {
          params: { path: { orgSlug: org } },
          body: { ...serverOf(v), enabled: v.enabled },
        }),
      ),
    (saved) => {
      queryClient.setQueryData(mailRelayQuery(org).queryKey, saved);
      notifySuccess(t('common.saved'));
    },
  );
  const test = useMutation({
    mutationFn: (v: RelayValues) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/mail-relay/test', { params: { path: { orgSlug: org } }, body: serverOf(v) }),
      ),
    onMutate: () => setTested(null),
    onSuccess: setTested,
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('settings.relay.testFailed'));
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/orgs/{orgSlug}/mail-relay', { params: { path: { orgSlug: org } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: mailRelayQuery(org).queryKey });
      notifySuccess(t('settings.relay.removed'));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askRemove = async (): Promise<void> => {
    const ok = await confirmAction({
      title: t('settings.relay.removeTitle'),
      message: t('settings.relay.removeMessage'),
      confirmLabel: t('settings.relay.remove'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate();
  };
  const runTest = (): void => {
    const checked = form.validate();
    if (!checked.hasErrors) test.mutate(form.values);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={720}>
        <Title order={2} size="h4">
          {t('settings.relay.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.relay.hint')}
        </Text>
        {settings.captureMode && (
          <Alert color="yellow" title={t('settings.relay.captureTitle')}>
            {t('settings.relay.captureNote')}
          </Alert>
        )}
        <Text size="sm" role="status">
          {relay
            ? settings.inUse
              ? t('settings.relay.inUse', { date: format.dateTime(relay.updatedAt) })
              : t('settings.relay.notInUse', { date: format.dateTime(relay.updatedAt) })
            : t('settings.relay.none')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('settings.relay.host')}
            description={t('settings.relay.hostHint')}
            required
            maxLength={253}
            {...form.getInputProps('host')}
          />
          <NumberInput
            label={t('settings.relay.port')}
            description={t('settings.relay.portHint')}
            required
            min={1}
            max={65535}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('port')}
          />
          <TextInput
            label={t('settings.relay.username')}
            description={t('settings.relay.usernameHint')}
            autoComplete="off"
            maxLength={200}
            {...form.getInputProps('username')}
          />
          <PasswordInput
            label={t('settings.relay.password')}
            description={relay?.hasPassword ? t('settings.relay.passwordKeep') : t('settings.relay.passwordHint')}
            autoComplete="new-password"
            maxLength={500}
            {...form.getInputProps('password')}
          />
        </SimpleGrid>
        <Switch
          label={t('settings.relay.secure')}
          description={t('settings.relay.secureHint')}
          {...form.getInputProps('secure', { type: 'checkbox' })}
        />
        <Switch
          label={t('settings.relay.enabled')}
          description={t('settings.relay.enabledHint')}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
        />
        {tested && (
          <Alert
            color={tested.ok ? 'green' : 'red'}
            role="alert"
            title={tested.ok ? t('settings.relay.testOk') : t('settings.relay.testNotOk')}
          >
            {tested.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={runTest} loading={test.isPending}>
            {t('settings.relay.test')}
          </Button>
          {relay && (
            <Button variant="default" color="red" onClick={() => void askRemove()} loading={remove.isPending}>
              {t('settings.relay.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
