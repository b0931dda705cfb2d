import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import type { Role } from './member-queries';
import { ROLES } from './member-queries';

/** Invites someone by email with a role; they get a link valid for a few days and choose their own password. */
export function InviteForm({ org, onDone }: { org: string; onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ email: string; role: Role }>({
    initialValues: { email: '', role: 'campaigner' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('shared:errors.email')) },
  });
  const invite = useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(api.POST('/api/orgs/{orgSlug}/invitations', { params: { path: { orgSlug: org } }, body })),
    onSuccess: (invitation) => {
      void queryClient.invalidateQueries({ queryKey: ['org', org, 'invitations'] });
      notifySuccess(t('members.invited', { email: invitation.email }));
      onDone();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => invite.mutate({ email: v.email.trim(), role: v.role }))} noValidate>
      <Stack gap="sm">
        <TextInput label={t('members.email')} type="email" required data-autofocus {...form.getInputProps('email')} />
        <Select
          label={t('members.role')}
          description={t('members.roleHint')}
          data={ROLES.map((r) => ({ value: r, label: t(`shared:role.${r}`) }))}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('members.sendInvitation')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
