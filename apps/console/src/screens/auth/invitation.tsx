import { Alert, Badge, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordInput } from '../../components/password-input';
import type { Schemas } from '../../api/client';
import { api, setCsrfToken } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { FormProblem } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import { sessionQuery } from '../../session/session';
import { AuthCard, takeFragmentToken } from './auth-card';
import { PASSWORD_MIN_LENGTH } from './password-rules';

/**
 * Joining an organisation from the invitation mail. A newcomer chooses a name and password; someone with an account
 * confirms with their password, or just accepts when already signed in as the invited address.
 */
export function InvitationScreen(): ReactNode {
  const { t } = useTranslation();
  const [token] = useState(takeFragmentToken);
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => unwrap(api.POST('/api/auth/invitations/preview', { body: { token: token ?? '' } })),
    enabled: Boolean(token),
    retry: false,
    staleTime: Infinity,
  });
  const { data: session } = useQuery(sessionQuery);

  return (
    <AuthCard title={t('invitation.title')} backToSignIn>
      {!token || preview.error ? (
        <Alert color="orange" role="alert">
          {preview.error instanceof ApiError && preview.error.status !== 404
            ? preview.error.message
            : t('invitation.unknown')}
        </Alert>
      ) : !preview.data || session === undefined ? (
        <Group justify="center">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : preview.data.state !== 'pending' ? (
        <Alert color="orange" role="alert">
          {t(`invitation.state.${preview.data.state}`, { organisation: preview.data.organisationName })}
        </Alert>
      ) : (
        <AcceptForm token={token} invitation={preview.data} signedInAs={session?.email} />
      )}
    </AuthCard>
  );
}

function AcceptForm({
  token,
  invitation,
  signedInAs,
}: {
  token: string;
  invitation: Schemas['InvitationPreviewResponse'];
  signedInAs: string | undefined;
}): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isSignedInInvitee = signedInAs?.toLowerCase() === invitation.email.toLowerCase();
  const needsName = !invitation.accountExists;
  const needsPassword = !isSignedInInvitee;
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: (v) => (needsName && !v.trim() ? t('shared:errors.required') : null),
      password: (v) =>
        !needsPassword
          ? null
          : !v
            ? t('shared:errors.required')
            : needsName && v.length < PASSWORD_MIN_LENGTH
              ? t('auth.passwordTooShort', { min: PASSWORD_MIN_LENGTH })
              : null,
    },
  });
  const accept = useMutation({
    mutationFn: (values: { name: string; password: string }) =>
      unwrap(
        api.POST('/api/auth/invitations/accept', {
          body: {
            token,
            ...(needsName ? { name: values.name.trim() } : {}),
            ...(needsPassword ? { password: values.password } : {}),
          },
        }),
      ),
    onSuccess: async (joined) => {
      setCsrfToken(joined.csrfToken);
      await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
      await navigate({ to: '/o/$org', params: { org: joined.organisationSlug }, replace: true });
    },
    onError: (error) => showFieldErrors(form, error),
  });

  return (
    <form onSubmit={form.onSubmit((v) => accept.mutate(v))} noValidate>
      <Stack gap="sm">
        <Text>{t('invitation.intro', { organisation: invitation.organisationName })}</Text>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {invitation.email}
          </Text>
          <Badge variant="light">{t(`shared:role.${invitation.role}`)}</Badge>
        </Group>
        <FormProblem
          error={accept.error}
          message={
            accept.error instanceof ApiError && accept.error.status === 401 ? t('auth.wrongCredentials') : undefined
          }
        />
        {needsName && (
          <TextInput
            label={t('invitation.name')}
            autoComplete="name"
            required
            autoFocus
            {...form.getInputProps('name')}
          />
        )}
        {needsPassword && (
          <PasswordInput
            label={needsName ? t('invitation.choosePassword') : t('invitation.yourPassword')}
            description={needsName ? t('auth.passwordRule') : t('invitation.existingAccount')}
            autoComplete={needsName ? 'new-password' : 'current-password'}
            required
            autoFocus={!needsName}
            {...form.getInputProps('password')}
          />
        )}
        <Button type="submit" loading={accept.isPending}>
          {t('invitation.accept', { organisation: invitation.organisationName })}
        </Button>
      </Stack>
    </form>
  );
}
