import { readFileSync } from 'node:fs';
import { PASSWORD_MIN_LENGTH } from '../auth/password.js';
import Handlebars from 'handlebars';

interface Field {
  name: string;
  label: string;
  type: string;
  autocomplete: string;
  required: boolean;
  hint?: string;
}

interface AccountPage {
  title: string;
  intro: string;
  endpoint: string;
  /** The link's secret sits in the URL fragment (never sent to servers or logs); the script adds it to the body. */
  needsToken: boolean;
  fields: Field[];
  button: string;
  success: string;
}

const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a strong password.`;

const PAGES: Record<'forgot-password' | 'reset-password' | 'invitation', AccountPage> = {
  'forgot-password': {
    title: 'Forgotten password',
    intro:
      'Give the email address you sign in with. If it belongs to an account, a link to choose a new password is on its way.',
    endpoint: '/api/auth/password-reset',
    needsToken: false,
    fields: [{ name: 'email', label: 'Email', type: 'email', autocomplete: 'email', required: true }],
    button: 'Send the link',
    success: 'If that address has an account, the email is on its way. The link works once, for one hour.',
  },
  'reset-password': {
    title: 'Choose a new password',
    intro: 'Every session of your account ends when the password changes.',
    endpoint: '/api/auth/password-reset/confirm',
    needsToken: true,
    fields: [
      {
        name: 'newPassword',
        label: 'New password',
        type: 'password',
        autocomplete: 'new-password',
        required: true,
        hint: PASSWORD_HINT,
      },
    ],
    button: 'Set the password',
    success: 'Your password is changed. Sign in with it now.',
  },
  invitation: {
    title: 'Join your organisation on Rally',
    intro:
      'If you already have a Rally account with this email, leave both fields empty and stay signed in to join with it.',
    endpoint: '/api/auth/invitations/accept',
    needsToken: true,
    fields: [
      { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name', required: false },
      {
        name: 'password',
        label: 'Password',
        type: 'password',
        autocomplete: 'new-password',
        required: false,
        hint: PASSWORD_HINT,
      },
    ],
    button: 'Join',
    success: 'You have joined. You are signed in.',
  },
};

export type AccountPageName = keyof typeof PAGES;
export const ACCOUNT_PAGE_NAMES = Object.keys(PAGES) as AccountPageName[];

const view = Handlebars.create().compile(readFileSync(new URL('./account-page.hbs', import.meta.url), 'utf8'), {
  strict: true,
});
const rendered = new Map(ACCOUNT_PAGE_NAMES.map((name) => [name, view(PAGES[name])]));

/** Static pages: rendered once at load, no visitor data in them. */
export const accountPageHtml = (name: AccountPageName): string => rendered.get(name) as string;

/** Same-origin script (the CSP forbids inline ones): posts the form as JSON, with the fragment's token when needed. */
export const ACCOUNT_PAGE_JS = `(() => {
  const form = document.querySelector('form[data-endpoint]');
  const status = form.querySelector('[role=status]');
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (form.dataset.token === 'true' && !token) {
    status.textContent = 'This link is incomplete: open it again from the email.';
    status.className = 'error';
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const [name, value] of new FormData(form)) if (value !== '') body[name] = value;
    if (form.dataset.token === 'true') body.token = token || '';
    status.className = '';
    status.textContent = 'Sending…';
    try {
      const res = await fetch(form.dataset.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      if (res.ok) {
        status.textContent = form.dataset.success;
        form.querySelectorAll('input, button').forEach((el) => (el.disabled = true));
        return;
      }
      const error = await res.json().catch(() => ({}));
      const fields = error.fields ? Object.values(error.fields).flat().join(' ') : '';
      status.textContent = fields || error.message || 'Something went wrong. Try again.';
      status.className = 'error';
    } catch {
      status.textContent = 'Rally could not be reached. Check your connection and try again.';
      status.className = 'error';
    }
  });
})();
`;
