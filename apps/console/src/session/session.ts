import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../api/client';
import { api, setCsrfToken } from '../api/client';
import { unwrap } from '../api/errors';

export type Session = Schemas['SessionResponse'];

/** The signed-in member, or null: GET /api/auth/session answers 401 when there is no live session. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Session | null> => {
    const { data, response } = await api.GET('/api/auth/session');
    if (response.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    if (!response.ok || !data) throw new Error(`session: ${response.status}`);
    setCsrfToken(data.csrfToken);
    return data;
  },
  staleTime: 60_000,
});

export function useSession(): {
  session: Session | null | undefined;
  signedOut: () => void;
  signedIn: (session: Session) => void;
} {
  const client = useQueryClient();
  const { data } = useQuery(sessionQuery);
  return {
    session: data,
    signedIn: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(sessionQuery.queryKey, session);
    },
    signedOut: () => {
      setCsrfToken(undefined);
      client.clear();
      client.setQueryData(sessionQuery.queryKey, null);
    },
  };
}

export async function signIn(email: string, password: string): Promise<Session> {
  return unwrap(api.POST('/api/auth/login', { body: { email, password } }));
}

export async function signOut(): Promise<void> {
  await api.POST('/api/auth/logout');
}

/** Where to go after signing in: only a path of this console, never another site. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}
