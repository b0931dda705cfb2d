import { queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';

export type Organisation = Schemas['OrganisationResponse'];

export const organisationQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'details'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}', { params: { path: { orgSlug: org } } })),
    staleTime: 5 * 60_000,
  });

export const mailSettingsQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'mail-settings'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/mail-settings', { params: { path: { orgSlug: org } } })),
  });
