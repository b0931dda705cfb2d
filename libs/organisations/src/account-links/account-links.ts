/** The staff console screens account mails link to (apps/console): forgotten password, new password, invitation. */
export const ACCOUNT_SCREENS = {
  forgotPassword: '/console/forgot-password',
  resetPassword: '/console/reset-password',
  invitation: '/console/invitation',
} as const;

/**
 * Mailed links to those screens, in the language the mail is in (`?lang=`). A link's secret rides in the fragment:
 * browsers never send it to a server, a log or in a Referer; the screen reads it and posts it to the API.
 */
export const accountLinks = {
  forgotPassword: (base: string, lang: string): string => `${base}${ACCOUNT_SCREENS.forgotPassword}?lang=${lang}`,
  resetPassword: (base: string, lang: string, secret: string): string =>
    `${base}${ACCOUNT_SCREENS.resetPassword}?lang=${lang}#token=${secret}`,
  invitation: (base: string, lang: string, secret: string): string =>
    `${base}${ACCOUNT_SCREENS.invitation}?lang=${lang}#token=${secret}`,
};
