import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { FormProblem } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import { AuthCard } from './auth-card';

/** Asks for a reset link. The answer is the same whether or not the address has an account (no enumeration). */
export function ForgotPasswordScreen(): ReactNode {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : t('shared:errors.email')) },
  });
  const request = useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/auth/password-reset', { body: { email } })),
    onError: (error) => showFieldErrors(form, error),
  });

  return (
    <AuthCard title={t('auth.forgotTitle')} backToSignIn>
      {request.isSuccess ? (
        <Alert color="green" role="status">
          {t('auth.forgotSent', { email: form.values.email.trim() })}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => request.mutate(v.email.trim()))} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('auth.forgotHint')}</Text>
            <FormProblem error={request.error} />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending}>
              {t('auth.sendLink')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
