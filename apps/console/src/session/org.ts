import { queryOptions, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { Schemas } from '../api/client';
import { api } from '../api/client';
import { unwrap } from '../api/errors';

export type Me = Schemas['MeResponse'];

/** Who the member is in this organisation, and every permission the role holds: the console's only source of them. */
export const meQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'me'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/me', { params: { path: { orgSlug: org } } })),
    staleTime: 5 * 60_000,
  });

/** The organisation of the current route and what the member may do in it. */
export function useOrg(): { org: string; me: Me | undefined; can: (permission: string) => boolean } {
  const { org } = useParams({ strict: false }) as { org?: string };
  if (!org) throw new Error('useOrg() outside an organisation route');
  const { data: me } = useQuery(meQuery(org));
  return { org, me, can: (permission) => me?.permissions.includes(permission) ?? false };
}
