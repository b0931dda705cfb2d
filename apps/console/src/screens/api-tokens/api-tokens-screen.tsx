import { Alert, Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { CopyField } from '../../components/copy-field';
import { EmptyState, LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { showFieldErrors } from '../../components/forms';
import { Page } from '../../components/page';
import { windowOf } from '../../components/pagination';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import type { Role } from '../members/member-queries';
import { ROLES } from '../members/member-queries';

type Token = Schemas['ApiTokenResponse'];

/** Tokens for scripts and other systems: each acts with a role; its secret is shown once, at creation. */
export function ApiTokensScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/api-tokens' });
  const navigate = useNavigate({ from: '/o/$org/api-tokens' });
  const format = useFormat();
  const queryClient = useQueryClient();
  const [creating, create] = useDisclosure(false);
  const [created, setCreated] = useState<Schemas['ApiTokenCreatedResponse'] | null>(null);
  const page = search.page ?? 1;
  const tokens = useQuery({
    queryKey: ['org', org, 'api-tokens', page],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/api-tokens', { params: { path: { orgSlug: org }, query: windowOf(page) } })),
    placeholderData: keepPreviousData,
  });
  const revoke = useMutation({
    mutationFn: (token: Token) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/api-tokens/{tokenId}', {
          params: { path: { orgSlug: org, tokenId: token.id } },
        }),
      ),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: ['org', org, 'api-tokens'] });
      notifySuccess(t('tokens.revoked', { name: token.name }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askRevoke = async (token: Token): Promise<void> => {
    const ok = await confirmAction({
      title: t('tokens.revokeTitle'),
      message: t('tokens.revokeMessage', { name: token.name }),
      confirmLabel: t('tokens.revoke'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) revoke.mutate(token);
  };
  const newButton = <Button onClick={create.open}>{t('tokens.create')}</Button>;

  return (
    <Page title={t('tokens.title')} actions={newButton}>
      {created && (
        <Alert
          color="green"
          title={t('tokens.createdTitle', { name: created.name })}
          role="status"
          withCloseButton
          closeButtonLabel={t('common.dismiss')}
          onClose={() => setCreated(null)}
        >
          <Stack gap="xs">
            <Text size="sm">{t('tokens.shownOnce')}</Text>
            <CopyField label={t('tokens.secret')} value={created.token} />
          </Stack>
        </Alert>
      )}
      {tokens.error ? (
        <LoadError error={tokens.error} retry={() => void tokens.refetch()} />
      ) : tokens.data?.total === 0 ? (
        <EmptyState title={t('tokens.emptyTitle')} hint={t('tokens.emptyHint')} action={newButton} />
      ) : (
        <ServerTable<Token>
          label={t('tokens.title')}
          data={tokens.data}
          fetching={tokens.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { page: p } })}
          columns={[
            { accessor: 'name', title: t('tokens.name') },
            { accessor: 'role', title: t('members.role'), render: (k) => t(`shared:role.${k.role}`), width: 140 },
            { accessor: 'prefix', title: t('tokens.prefix'), render: (k) => <code>{k.prefix}…</code>, width: 140 },
            { accessor: 'createdAt', title: t('common.created'), render: (k) => format.date(k.createdAt), width: 140 },
            {
              accessor: 'lastUsedAt',
              title: t('tokens.lastUsed'),
              render: (k) => (k.lastUsedAt ? format.dateTime(k.lastUsedAt) : t('tokens.never')),
              width: 180,
            },
            {
              accessor: 'revokedAt',
              title: t('tokens.state'),
              width: 200,
              render: (k) =>
                k.revokedAt ? (
                  <Badge color="gray" variant="light">
                    {t('tokens.revokedOn', { date: format.date(k.revokedAt) })}
                  </Badge>
                ) : (
                  <Group gap="xs">
                    <Badge color="green" variant="light">
                      {t('tokens.live')}
                    </Badge>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => void askRevoke(k)}
                      aria-label={t('tokens.revokeNamed', { name: k.name })}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  </Group>
                ),
            },
          ]}
        />
      )}
      <Modal
        opened={creating}
        onClose={create.close}
        title={t('tokens.create')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        <CreateTokenForm
          org={org}
          onCancel={create.close}
          onCreated={(token) => {
            setCreated(token);
            create.close();
            void queryClient.invalidateQueries({ queryKey: ['org', org, 'api-tokens'] });
          }}
        />
      </Modal>
    </Page>
  );
}

function CreateTokenForm({
  org,
  onCancel,
  onCreated,
}: {
  org: string;
  onCancel: () => void;
  onCreated: (token: Schemas['ApiTokenCreatedResponse']) => void;
}): ReactNode {
  const { t } = useTranslation();
  const form = useForm<{ name: string; role: Role }>({
    initialValues: { name: '', role: 'coordinator' },
    validate: { name: (v) => (v.trim() ? null : t('shared:errors.required')) },
  });
  const create = useMutation({
    mutationFn: (body: { name: string; role: Role }) =>
      unwrap(api.POST('/api/orgs/{orgSlug}/api-tokens', { params: { path: { orgSlug: org } }, body })),
    onSuccess: onCreated,
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => create.mutate({ name: v.name.trim(), role: v.role }))} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('tokens.name')}
          description={t('tokens.nameHint')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Select
          label={t('members.role')}
          description={t('tokens.roleHint')}
          data={ROLES.map((r) => ({ value: r, label: t(`shared:role.${r}`) }))}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
