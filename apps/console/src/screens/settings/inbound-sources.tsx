import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { CopyField } from '../../components/copy-field';
import { EmptyState, Loading, LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { useSavingForm } from '../../components/forms';
import { ImapMailboxForm } from './imap-mailbox-form';

type Source = Schemas['InboundSourceResponse'];
type Secret = Schemas['InboundSourceSecretResponse'];

/** An organisation has a handful of ways in: one page of 100 shows them all. */
export const inboundSourcesQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'inbound-sources'],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/inbound-sources', { params: { path: { orgSlug: org }, query: { limit: 100 } } }),
      ),
  });

/**
 * Ways ministries' replies reach Rally besides its own mail server (admins): provider webhooks (the signing secret
 * shown once) and IMAP mailboxes Rally polls (the password write-only; test, poll now, the last error in words).
 */
export function InboundSourcesPanel({ org }: { org: string }): ReactNode {
  const { t } = useTranslation();
  const sources = useQuery(inboundSourcesQuery(org));
  const [adding, setAdding] = useState<'imap' | 'webhook' | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  if (sources.error) return <LoadError error={sources.error} retry={() => void sources.refetch()} />;
  if (!sources.data) return <Loading />;
  return (
    <Stack component="section" aria-labelledby="inbound-sources-title" gap="sm" maw={720}>
      <Title id="inbound-sources-title" order={2} size="h4">
        {t('settings.inbound.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('settings.inbound.hint')}
      </Text>
      {secret && (
        <Alert
          color="yellow"
          title={t('settings.inbound.secretTitle')}
          withCloseButton
          closeButtonLabel={t('common.dismiss')}
          onClose={() => setSecret(null)}
        >
          <Stack gap="xs">
            <Text size="sm">{t('settings.inbound.secretNote')}</Text>
            <CopyField label={t('settings.inbound.webhookUrl')} value={secret.source.webhookUrl ?? ''} />
            <CopyField label={t('settings.inbound.secret')} value={secret.secret} />
          </Stack>
        </Alert>
      )}
      {sources.data.items.length === 0 && !adding && (
        <EmptyState title={t('settings.inbound.none')} hint={t('settings.inbound.noneHint')} />
      )}
      {sources.data.items.map((s) => (
        <SourceCard key={`${s.id}:${s.updatedAt}`} org={org} source={s} onSecret={setSecret} />
      ))}
      {adding === 'imap' && (
        <Paper withBorder p="md">
          <ImapMailboxForm org={org} source={null} onDone={() => setAdding(null)} />
        </Paper>
      )}
      {adding === 'webhook' && (
        <Paper withBorder p="md">
          <WebhookForm
            org={org}
            onCreated={(created) => (setSecret(created), setAdding(null))}
            onCancel={() => setAdding(null)}
          />
        </Paper>
      )}
      {!adding && (
        <Group>
          <Button variant="default" onClick={() => setAdding('imap')}>
            {t('settings.inbound.addMailbox')}
          </Button>
          <Button variant="default" onClick={() => setAdding('webhook')}>
            {t('settings.inbound.addWebhook')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function SourceCard({
  org,
  source,
  onSecret,
}: {
  org: string;
  source: Source;
  onSecret: (secret: Secret) => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [tested, setTested] = useState<Schemas['InboundImapTestResponse'] | null>(null);
  const path = { params: { path: { orgSlug: org, sourceId: source.id } } };
  const refresh = (): void => void queryClient.invalidateQueries({ queryKey: inboundSourcesQuery(org).queryKey });
  const act = useMutation({
    mutationFn: async (action: 'enable' | 'disable' | 'poll' | 'test' | 'rotate' | 'delete') => {
      if (action === 'test')
        setTested(await unwrap(api.POST('/api/orgs/{orgSlug}/inbound-sources/{sourceId}/test-connection', path)));
      else if (action === 'rotate')
        onSecret(await unwrap(api.POST('/api/orgs/{orgSlug}/inbound-sources/{sourceId}/rotate-secret', path)));
      else if (action === 'poll') await unwrap(api.POST('/api/orgs/{orgSlug}/inbound-sources/{sourceId}/poll', path));
      else if (action === 'delete') await unwrap(api.DELETE('/api/orgs/{orgSlug}/inbound-sources/{sourceId}', path));
      else if (action === 'enable')
        await unwrap(api.POST('/api/orgs/{orgSlug}/inbound-sources/{sourceId}/enable', path));
      else await unwrap(api.POST('/api/orgs/{orgSlug}/inbound-sources/{sourceId}/disable', path));
      return action;
    },
    onSuccess: (action) => {
      if (action === 'poll') notifySuccess(t('settings.inbound.pollQueued'));
      if (action !== 'test') refresh();
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askDelete = async (): Promise<void> => {
    const ok = await confirmAction({
      title: t('settings.inbound.deleteTitle', { name: source.name }),
      message: t('settings.inbound.deleteMessage'),
      confirmLabel: t('settings.inbound.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) act.mutate('delete');
  };
  const imap = source.kind === 'imap';

  if (editing)
    return (
      <Paper withBorder p="md">
        <ImapMailboxForm org={org} source={source} onDone={() => setEditing(false)} />
      </Paper>
    );
  return (
    <Paper component="article" aria-label={source.name} withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{source.name}</Text>
          <Group gap="xs">
            <Badge variant="light">{imap ? t('settings.inbound.kindImap') : t('settings.inbound.kindWebhook')}</Badge>
            <Badge variant="light" color={source.enabled ? 'green' : 'gray'}>
              {source.enabled ? t('settings.inbound.on') : t('settings.inbound.off')}
            </Badge>
          </Group>
        </Group>
        {imap ? (
          <>
            <Text size="sm">
              {t('settings.inbound.mailboxLine', {
                user: source.username ?? '',
                host: source.host ?? '',
                port: source.port ?? 0,
                folder: source.folder ?? '',
                processed: source.processedFolder ?? '',
              })}
            </Text>
            <Text size="sm" c="dimmed" role="status">
              {source.lastPolledAt
                ? t('settings.inbound.lastPolled', { date: format.dateTime(source.lastPolledAt) })
                : t('settings.inbound.neverPolled')}
            </Text>
            {source.lastError && (
              <Alert color="red" title={t('settings.inbound.lastError')}>
                {source.lastError}
              </Alert>
            )}
          </>
        ) : (
          <CopyField label={t('settings.inbound.webhookUrl')} value={source.webhookUrl ?? ''} />
        )}
        {tested && (
          <Alert
            color={tested.ok ? 'green' : 'red'}
            role="alert"
            title={tested.ok ? t('settings.relay.testOk') : t('settings.relay.testNotOk')}
            withCloseButton
            closeButtonLabel={t('common.dismiss')}
            onClose={() => setTested(null)}
          >
            {tested.ok ? t('settings.inbound.testMessages', { count: tested.messages ?? 0 }) : tested.error}
          </Alert>
        )}
        <Group gap="xs">
          {imap && (
            <>
              <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => act.mutate('test')}
                loading={act.isPending && act.variables === 'test'}
              >
                {t('settings.relay.test')}
              </Button>
              <Button size="xs" variant="default" onClick={() => act.mutate('poll')} disabled={!source.enabled}>
                {t('settings.inbound.pollNow')}
              </Button>
            </>
          )}
          {!imap && (
            <Button size="xs" variant="default" onClick={() => act.mutate('rotate')}>
              {t('settings.inbound.rotate')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => act.mutate(source.enabled ? 'disable' : 'enable')}>
            {source.enabled ? t('settings.inbound.disable') : t('settings.inbound.enable')}
          </Button>
          <Button size="xs" variant="default" color="red" onClick={() => void askDelete()}>
            {t('settings.inbound.delete')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function WebhookForm({
  org,
  onCreated,
  onCancel,
}: {
  org: string;
  onCreated: (created: Secret) => void;
  onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() ? null : t('shared:errors.required')) },
  });
  const submit = useSavingForm(
    form,
    (v) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/inbound-sources', {
          params: { path: { orgSlug: org } },
          body: { kind: 'webhook', name: v.name.trim() },
        }),
      ),
    (created) => {
      void queryClient.invalidateQueries({ queryKey: inboundSourcesQuery(org).queryKey });
      onCreated(created);
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('settings.inbound.name')}
          description={t('settings.inbound.webhookHint')}
          required
          maxLength={100}
          {...form.getInputProps('name')}
        />
        <Group>
          <Button type="submit" loading={form.submitting}>
            {t('settings.inbound.addWebhook')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
