import { Button, Group, NumberInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifySuccess } from '../../components/feedback';
import { useSavingForm } from '../../components/forms';
import { PasswordInput } from '../../components/password-input';

type Source = Schemas['InboundSourceResponse'];

interface MailboxValues {
  name: string;
  host: string;
  port: number | string;
  secure: boolean;
  username: string;
  /** Empty on an existing mailbox: keep the stored one. */
  password: string;
  folder: string;
  processedFolder: string;
  enabled: boolean;
}

const valuesOf = (s: Source | null): MailboxValues => ({
  name: s?.name ?? '',
  host: s?.host ?? '',
  port: s?.port ?? 993,
  secure: s?.secure ?? true,
  username: s?.username ?? '',
  password: '',
  folder: s?.folder ?? 'INBOX',
  processedFolder: s?.processedFolder ?? 'Rally/Processed',
  enabled: s?.enabled ?? true,
});

/** A new IMAP mailbox (`source` null) or the settings of one; the password is write-only. */
export function ImapMailboxForm({
  org,
  source,
  onDone,
}: {
  org: string;
  source: Source | null;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const required = (v: string): string | null => (v.trim() ? null : t('shared:errors.required'));
  const form = useForm<MailboxValues>({
    initialValues: valuesOf(source),
    validate: {
      name: required,
      host: required,
      username: required,
      password: (v) => (source || v ? null : t('shared:errors.required')),
      folder: required,
      processedFolder: required,
      port: (v) =>
        typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535 ? null : t('settings.relay.portRule'),
    },
  });
  const submit = useSavingForm(
    form,
    (v) => {
      const body = {
        name: v.name.trim(),
        host: v.host.trim(),
        port: Number(v.port),
        secure: v.secure,
        username: v.username.trim(),
        folder: v.folder.trim(),
        processedFolder: v.processedFolder.trim(),
        enabled: v.enabled,
      };
      return source
        ? unwrap(
            api.PATCH('/api/orgs/{orgSlug}/inbound-sources/{sourceId}', {
              params: { path: { orgSlug: org, sourceId: source.id } },
              body: { ...body, ...(v.password ? { password: v.password } : {}) },
            }),
          )
        : unwrap(
            api.POST('/api/orgs/{orgSlug}/inbound-sources/imap', {
              params: { path: { orgSlug: org } },
              body: { ...body, password: v.password },
            }),
          );
    },
    () => {
      void queryClient.invalidateQueries({ queryKey: ['org', org, 'inbound-sources'] });
      notifySuccess(t('common.saved'));
      onDone();
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settings.inbound.name')} required maxLength={100} {...form.getInputProps('name')} />
          <TextInput
            label={t('settings.inbound.host')}
            description={t('settings.inbound.hostHint')}
            required
            maxLength={253}
            {...form.getInputProps('host')}
          />
          <NumberInput
            label={t('settings.relay.port')}
            description={t('settings.inbound.portHint')}
            required
            min={1}
            max={65535}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('port')}
          />
          <TextInput
            label={t('settings.relay.username')}
            required
            autoComplete="off"
            maxLength={320}
            {...form.getInputProps('username')}
          />
          <PasswordInput
            label={t('settings.relay.password')}
            description={source?.passwordSet ? t('settings.inbound.passwordKeep') : t('settings.relay.passwordHint')}
            required={!source}
            autoComplete="new-password"
            maxLength={1000}
            {...form.getInputProps('password')}
          />
          <TextInput
            label={t('settings.inbound.folder')}
            description={t('settings.inbound.folderHint')}
            required
            maxLength={200}
            {...form.getInputProps('folder')}
          />
          <TextInput
            label={t('settings.inbound.processedFolder')}
            description={t('settings.inbound.processedFolderHint')}
            required
            maxLength={200}
            {...form.getInputProps('processedFolder')}
          />
        </SimpleGrid>
        <Switch
          label={t('settings.inbound.secure')}
          description={t('settings.inbound.secureHint')}
          {...form.getInputProps('secure', { type: 'checkbox' })}
        />
        <Switch label={t('settings.inbound.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <Group>
          <Button type="submit" loading={form.submitting} disabled={!!source && !form.isDirty()}>
            {source ? t('common.save') : t('settings.inbound.addMailbox')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
