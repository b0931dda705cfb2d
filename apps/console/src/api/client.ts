import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The CSRF token of the current session (from sign-in or GET /api/auth/session): sent on every unsafe request made
 * with the session cookie. Module state, because the fetch middleware outlives any React render.
 */
let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};

/** Told when a request answers 401: the session ended (idle, expired, signed out elsewhere). */
type ExpiryListener = () => void;
const expiryListeners = new Set<ExpiryListener>();
export const onSessionExpired = (listener: ExpiryListener): (() => void) => {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
};

// Sign-in and the other account routes answer 401 for a wrong password, not an ended session; GET /api/auth/session
// answers 401 to say "nobody is signed in", which the session query turns into null.
const ACCOUNT_ROUTES = /^\/api\/auth\/(login|password|invitations|session)/;

const session: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !ACCOUNT_ROUTES.test(new URL(request.url).pathname))
      for (const l of expiryListeners) l();
    return response;
  },
};

/** The typed client of Rally's API (generated from its OpenAPI document). Same origin: cookies stay first-party. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  // Looked up per request rather than captured once, so a test can answer in its place.
  fetch: (request) => globalThis.fetch(request),
});
api.use(session);
