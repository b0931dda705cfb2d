import { Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { showFieldErrors } from '../../components/forms';
import { EmailStateBadge } from './target-email-state';
import type { Target, TargetEmail } from './target-queries';
import { targetKeys, targetQuery } from './target-queries';

type StateChange = { email: TargetEmail; state: Schemas['TargetEmailStaffState'] };

/**
 * A target's addresses in their order: letters go to the first active one, so order and state are what staff keep.
 * Bounced and suspended come from inbound mail; staff can only enable (undo) or disable an address.
 */
export function TargetAddresses({ org, target, manage }: { org: string; target: Target; manage: boolean }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [changing, setChanging] = useState<StateChange | null>(null);
  const emails = [...target.emails].sort((a, b) => a.position - b.position);
  const path = (emailId: string) => ({ params: { path: { orgSlug: org, targetId: target.id, emailId } } });
  const refresh = (): void => {
    void queryClient.invalidateQueries({ queryKey: targetQuery(org, target.id).queryKey });
    void queryClient.invalidateQueries({ queryKey: [...targetKeys(org), 'list'] });
  };
  const onError = (error: unknown) => notifyError(error, t('common.saveFailed'));
  const move = useMutation({
    mutationFn: ({ email, position }: { email: TargetEmail; position: number }) =>
      unwrap(
        api.PATCH('/api/orgs/{orgSlug}/targets/{targetId}/emails/{emailId}', { ...path(email.id), body: { position } }),
      ),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: (email: TargetEmail) =>
      unwrap(api.DELETE('/api/orgs/{orgSlug}/targets/{targetId}/emails/{emailId}', path(email.id))),
    onSuccess: (_, email) => {
      refresh();
      notifySuccess(t('targets.address.removed', { address: email.address }));
    },
    onError,
  });
  const askRemove = async (email: TargetEmail): Promise<void> => {
    const ok = await confirmAction({
      title: t('targets.address.removeTitle'),
      message: t('targets.address.removeMessage', { address: email.address }),
      confirmLabel: t('targets.address.remove'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate(email);
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('targets.address.orderHint')}
      </Text>
      <Table withTableBorder aria-label={t('targets.addressesTitle')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('targets.address.order')}</Table.Th>
            <Table.Th scope="col">{t('targets.address.address')}</Table.Th>
            <Table.Th scope="col">{t('targets.address.state')}</Table.Th>
            {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {emails.map((email, i) => (
            <Table.Tr key={email.id}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{email.address}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <EmailStateBadge state={email.state} />
                  {email.state !== 'active' && (
                    <Text size="xs" c="dimmed">
                      {t('targets.address.since', {
                        date: format.dateTime(email.stateChangedAt),
                        reason: email.stateReason || t('targets.address.noReason'),
                      })}
                    </Text>
                  )}
                  {email.suspendedUntil && (
                    <Text size="xs" c="dimmed">
                      {t('targets.address.suspendedUntil', { date: format.dateTime(email.suspendedUntil) })}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              {manage && (
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    <Button
                      size="compact-xs"
                      variant="default"
                      disabled={i === 0 || move.isPending}
                      aria-label={t('targets.address.moveUpOf', { address: email.address })}
                      onClick={() => move.mutate({ email, position: i - 1 })}
                    >
                      {t('targets.address.moveUp')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      disabled={i === emails.length - 1 || move.isPending}
                      aria-label={t('targets.address.moveDownOf', { address: email.address })}
                      onClick={() => move.mutate({ email, position: i + 1 })}
                    >
                      {t('targets.address.moveDown')}
                    </Button>
                    {email.state === 'active' ? (
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('targets.address.disableOf', { address: email.address })}
                        onClick={() => setChanging({ email, state: 'disabled' })}
                      >
                        {t('targets.address.disable')}
                      </Button>
                    ) : (
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('targets.address.enableOf', { address: email.address })}
                        onClick={() => setChanging({ email, state: 'active' })}
                      >
                        {t('targets.address.enable')}
                      </Button>
                    )}
                    <Button
                      size="compact-xs"
                      variant="default"
                      color="red"
                      aria-label={t('targets.address.removeOf', { address: email.address })}
                      onClick={() => void askRemove(email)}
                    >
                      {t('targets.address.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {manage && <AddAddress org={org} targetId={target.id} onAdded={refresh} />}
      <Modal
        opened={changing !== null}
        onClose={() => setChanging(null)}
        title={changing?.state === 'disabled' ? t('targets.address.disableTitle') : t('targets.address.enableTitle')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        {changing && (
          <StateForm
            org={org}
            targetId={target.id}
            change={changing}
            onCancel={() => setChanging(null)}
            onDone={() => {
              setChanging(null);
              refresh();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function AddAddress({ org, targetId, onAdded }: { org: string; targetId: string; onAdded: () => void }): ReactNode {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { address: '' },
    validate: { address: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t('shared:errors.email')) },
  });
  const add = useMutation({
    mutationFn: (address: string) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/targets/{targetId}/emails', {
          params: { path: { orgSlug: org, targetId } },
          body: { address },
        }),
      ),
    onSuccess: (email) => {
      form.reset();
      onAdded();
      notifySuccess(t('targets.address.added', { address: email.address }));
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v.address.trim()))} noValidate>
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label={t('targets.address.new')}
          type="email"
          required
          style={{ flex: 1, minWidth: 260, maxWidth: 480 }}
          {...form.getInputProps('address')}
        />
        <Button type="submit" mt={24} loading={add.isPending}>
          {t('targets.address.add')}
        </Button>
      </Group>
    </form>
  );
}

/** Disabling says why (the next person to look will want to know); enabling may say why too. */
function StateForm({
  org,
  targetId,
  change,
  onCancel,
  onDone,
}: {
  org: string;
  targetId: string;
  change: StateChange;
  onCancel: () => void;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const disabling = change.state === 'disabled';
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (disabling && !v.trim() ? t('shared:errors.required') : null) },
  });
  const save = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.PATCH('/api/orgs/{orgSlug}/targets/{targetId}/emails/{emailId}', {
          params: { path: { orgSlug: org, targetId, emailId: change.email.id } },
          body: { state: change.state, ...(reason ? { reason } : {}) },
        }),
      ),
    onSuccess: (email) => {
      notifySuccess(t(disabling ? 'targets.address.disabled' : 'targets.address.enabled', { address: email.address }));
      onDone();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v.reason.trim()))} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t(disabling ? 'targets.address.disableMessage' : 'targets.address.enableMessage', {
            address: change.email.address,
          })}
        </Text>
        <Textarea
          label={t('targets.address.reason')}
          required={disabling}
          maxLength={500}
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t(disabling ? 'targets.address.disable' : 'targets.address.enable')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
