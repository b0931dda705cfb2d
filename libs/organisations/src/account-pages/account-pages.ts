import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Language } from '#rally/core';
import { LANGUAGES, textDirection } from '#rally/core';
import { PASSWORD_MIN_LENGTH } from '../auth/password.js';
import { organisationsText } from '../organisations.i18n.js';

interface Field {
  name: string;
  /** Key of the label under `organisations:account.<page>.` */
  label: string;
  type: string;
  autocomplete: string;
  required: boolean;
  passwordHint?: boolean;
}

interface AccountPage {
  /** Key of the page's strings under `organisations:account.` */
  key: 'forgot' | 'reset' | 'invitation';
  endpoint: string;
  /** The link's secret sits in the URL fragment (never sent to servers or logs); the script adds it to the body. */
  needsToken: boolean;
  fields: Field[];
}

const PAGES: Record<'forgot-password' | 'reset-password' | 'invitation', AccountPage> = {
  'forgot-password': {
    key: 'forgot',
    endpoint: '/api/auth/password-reset',
    needsToken: false,
    fields: [{ name: 'email', label: 'email', type: 'email', autocomplete: 'email', required: true }],
  },
  'reset-password': {
    key: 'reset',
    endpoint: '/api/auth/password-reset/confirm',
    needsToken: true,
    fields: [
      {
        name: 'newPassword',
        label: 'password',
        type: 'password',
        autocomplete: 'new-password',
        required: true,
        passwordHint: true,
      },
    ],
  },
  invitation: {
    key: 'invitation',
    endpoint: '/api/auth/invitations/accept',
    needsToken: true,
    fields: [
      { name: 'name', label: 'name', type: 'text', autocomplete: 'name', required: false },
      {
        name: 'password',
        label: 'password',
        type: 'password',
        autocomplete: 'new-password',
        required: false,
        passwordHint: true,
      },
    ],
  },
};

export type AccountPageName = keyof typeof PAGES;
export const ACCOUNT_PAGE_NAMES = Object.keys(PAGES) as AccountPageName[];

const view = Handlebars.create().compile(readFileSync(new URL('./account-page.hbs', import.meta.url), 'utf8'), {
  strict: true,
});

function render(name: AccountPageName, lang: Language): string {
  const page = PAGES[name];
  const t = organisationsText.in(lang);
  const own = (key: string): string => t(`organisations:account.${page.key}.${key}`);
  return view({
    lang,
    dir: textDirection(lang),
    title: own('title'),
    intro: own('intro'),
    endpoint: page.endpoint,
    needsToken: page.needsToken,
    button: own('button'),
    success: own('success'),
    noScript: t('organisations:account.noScript'),
    messages: {
      sending: t('organisations:account.sending'),
      incompleteLink: t('organisations:account.incompleteLink'),
      failed: t('organisations:account.failed'),
      offline: t('organisations:account.offline'),
    },
    fields: page.fields.map((f) => ({
      ...f,
      label: own(f.label),
      hint: f.passwordHint ? t('organisations:account.passwordHint', { min: PASSWORD_MIN_LENGTH }) : '',
    })),
  });
}

// Static pages, no visitor data in them: rendered once per language at load.
const rendered = new Map(
  ACCOUNT_PAGE_NAMES.flatMap((name) => LANGUAGES.map((lang) => [`${name}:${lang}`, render(name, lang)] as const)),
);

export const accountPageHtml = (name: AccountPageName, lang: Language): string =>
  rendered.get(`${name}:${lang}`) as string;

/** Same-origin script (the CSP forbids inline ones): posts the form as JSON, with the fragment's token when needed. */
export const ACCOUNT_PAGE_JS = `(() => {
  const form = document.querySelector('form[data-endpoint]');
  const status = form.querySelector('[role=status]');
  const say = form.dataset;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (say.token === 'true' && !token) {
    status.textContent = say.incompleteLink;
    status.className = 'error';
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const [name, value] of new FormData(form)) if (value !== '') body[name] = value;
    if (say.token === 'true') body.token = token || '';
    status.className = '';
    status.textContent = say.sending;
    try {
      const res = await fetch(say.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      if (res.ok) {
        status.textContent = say.success;
        form.querySelectorAll('input, button').forEach((el) => (el.disabled = true));
        return;
      }
      const error = await res.json().catch(() => ({}));
      const fields = error.fields ? Object.values(error.fields).flat().join(' ') : '';
      status.textContent = fields || error.message || say.failed;
      status.className = 'error';
    } catch {
      status.textContent = say.offline;
      status.className = 'error';
    }
  });
})();
`;
