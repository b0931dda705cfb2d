/**
 * What the form can check before sending (length, the two entries match); the server checks the rest (common
 * passwords, the email inside it) and its messages land on the field.
 */
export const PASSWORD_MIN_LENGTH = 12;

export const newPasswordRules = (t: (key: string, options?: Record<string, unknown>) => string) => ({
  newPassword: (value: string) =>
    value.length >= PASSWORD_MIN_LENGTH ? null : t('auth.passwordTooShort', { min: PASSWORD_MIN_LENGTH }),
  confirm: (value: string, values: { newPassword: string }) =>
    value === values.newPassword ? null : t('auth.passwordsDiffer'),
});
