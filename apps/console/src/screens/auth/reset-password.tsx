import { Alert, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { FormProblem } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import { AuthCard, takeFragmentToken } from './auth-card';
import { NewPasswordFields } from './new-password-fields';
import { newPasswordRules } from './password-rules';
import { AnchorLink } from '../../components/links';

export function ResetPasswordScreen(): ReactNode {
  const { t } = useTranslation();
  const [token] = useState(takeFragmentToken);
  const form = useForm({ initialValues: { newPassword: '', confirm: '' }, validate: newPasswordRules(t) });
  const reset = useMutation({
    mutationFn: (newPassword: string) =>
      unwrap(api.POST('/api/auth/password-reset/confirm', { body: { token: token ?? '', newPassword } })),
    onError: (error) => showFieldErrors(form, error),
  });

  const gone = !token || (reset.error instanceof ApiError && reset.error.status === 410);
  return (
    <AuthCard title={t('auth.resetTitle')} backToSignIn>
      {reset.isSuccess ? (
        <Alert color="green" role="status">
          {t('auth.resetDone')}
        </Alert>
      ) : gone ? (
        <Alert color="orange" role="alert">
          {t('auth.resetLinkInvalid')} <AnchorLink to="/forgot-password">{t('auth.resetAskAgain')}</AnchorLink>
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => reset.mutate(v.newPassword))} noValidate>
          <Stack gap="sm">
            <FormProblem error={reset.error} />
            <NewPasswordFields form={form} autoFocus />
            <Button type="submit" loading={reset.isPending}>
              {t('auth.savePassword')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
