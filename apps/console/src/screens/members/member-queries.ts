import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Member = Schemas['MemberResponse'];
export type Invitation = Schemas['InvitationResponse'];
export type Role = Schemas['Role'];
export const ROLES: Role[] = ['admin', 'coordinator', 'campaigner'];

export const membersQuery = (org: string, page: number | undefined) =>
  queryOptions({
    queryKey: ['org', org, 'members', page ?? 1],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/members', { params: { path: { orgSlug: org }, query: windowOf(page) } })),
    placeholderData: keepPreviousData,
  });

export const pendingInvitationsQuery = (org: string, page: number | undefined) =>
  queryOptions({
    queryKey: ['org', org, 'invitations', page ?? 1],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/invitations', {
          params: { path: { orgSlug: org }, query: { state: 'pending', ...windowOf(page) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
