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

export interface OrgContext {
  org: string;
  me: Me | undefined;
  /** Whether the role holds the permission (false until GET /me answers: nothing is offered before it is known). */
  can: (permission: string) => boolean;
}

/** The organisation of the current route, if any, and what the member may do in it. */
export function useOptionalOrg(): OrgContext | undefined {
  const { org } = useParams({ strict: false }) as { org?: string };
  const { data: me } = useQuery({ ...meQuery(org ?? ''), enabled: org !== undefined });
  if (org === undefined) return undefined;
  return { org, me, can: (permission) => me?.permissions.includes(permission) ?? false };
}

/** The organisation of the current route and what the member may do in it. */
export function useOrg(): OrgContext {
  const context = useOptionalOrg();
  if (!context) throw new Error('useOrg() outside an organisation route');
  return context;
}
