import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordInput } from '../../components/password-input';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { FormProblem, notifySuccess } from '../../components/feedback';
import { showFieldErrors, useUnsavedChangesGuard } from '../../components/forms';
import { Page } from '../../components/page';
import { useSession } from '../../session/session';
import { NewPasswordFields } from '../auth/new-password-fields';
import { newPasswordRules } from '../auth/password-rules';

/** The member's own account: who they are, and changing the password (which signs out their other sessions). */
export function AccountScreen(): ReactNode {
  const { t } = useTranslation();
  const { session, signedIn } = useSession();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v: string) => (v ? null : t('shared:errors.required')),
      ...newPasswordRules(t),
    },
  });
  useUnsavedChangesGuard(form.isDirty());
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      unwrap(
        api.POST('/api/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }),
      ),
    onSuccess: (next) => {
      signedIn(next);
      form.reset();
      notifySuccess(t('account.passwordChanged'));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401)
        form.setFieldError('currentPassword', t('account.currentWrong'));
      else showFieldErrors(form, error);
    },
  });

  return (
    <Page title={t('account.title')}>
      <Stack maw={480}>
        <div>
          <Text fw={600}>{session?.name}</Text>
          <Text c="dimmed">{session?.email}</Text>
        </div>
        <Paper withBorder p="lg">
          <form onSubmit={form.onSubmit((v) => change.mutate(v))} noValidate>
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('account.changePassword')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('account.changePasswordHint')}
              </Text>
              {/* A wrong current password (401) is said on its field. */}
              <FormProblem
                error={change.error instanceof ApiError && change.error.status === 401 ? null : change.error}
              />
              <PasswordInput
                label={t('account.currentPassword')}
                autoComplete="current-password"
                required
                {...form.getInputProps('currentPassword')}
              />
              <NewPasswordFields form={form} />
              <Button type="submit" loading={change.isPending} w="fit-content">
                {t('auth.savePassword')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Page>
  );
}
