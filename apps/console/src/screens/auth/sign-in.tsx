import { Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordInput } from '../../components/password-input';
import { ApiError } from '../../api/errors';
import { FormProblem } from '../../components/feedback';
import { safeNext, signIn, useSession } from '../../session/session';
import { AuthCard } from './auth-card';
import { AnchorLink } from '../../components/links';

export function SignInScreen(): ReactNode {
  const { t } = useTranslation();
  const { next } = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const { signedIn } = useSession();
  // Two fields and no server-side field errors: plain state, so the form library stays out of the first load.
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState({ email: false, password: false });
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => signIn(values.email.trim(), values.password),
    onSuccess: async (session) => {
      signedIn(session);
      await navigate({ href: safeNext(next), replace: true });
    },
  });

  return (
    <AuthCard title={t('auth.signInTitle')}>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          const empty = { email: !email.trim(), password: !password };
          setMissing(empty);
          if (!empty.email && !empty.password) login.mutate({ email, password });
        }}
        noValidate
      >
        <Stack gap="sm">
          <FormProblem error={login.error} message={login.error ? signInProblem(login.error, t) : undefined} />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={missing.email ? t('shared:errors.required') : undefined}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password ? t('shared:errors.required') : undefined}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.signIn')}
          </Button>
          <AnchorLink to="/forgot-password" size="sm">
            {t('auth.forgotLink')}
          </AnchorLink>
        </Stack>
      </form>
    </AuthCard>
  );
}

function signInProblem(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError && error.status === 401) return t('auth.wrongCredentials');
  if (error instanceof ApiError && error.status === 429) return t('auth.locked');
  return error instanceof Error ? error.message : String(error);
}
