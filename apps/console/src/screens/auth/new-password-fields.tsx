import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordInput } from '../../components/password-input';

/** A new password typed twice, with the rule said under it (reset, account). */
export function NewPasswordFields<T extends { newPassword: string; confirm: string }>({
  form,
  autoFocus,
}: {
  form: UseFormReturnType<T>;
  autoFocus?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('auth.newPassword')}
        description={t('auth.passwordRule')}
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        {...form.getInputProps('newPassword')}
      />
      <PasswordInput
        label={t('auth.confirmPassword')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirm')}
      />
    </>
  );
}
