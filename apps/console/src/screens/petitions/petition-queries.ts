import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Petition = Schemas['PetitionResponse'];
export type PetitionStatus = Schemas['PetitionStatus'];
export type PetitionSort = Schemas['PetitionSort'];
export const PETITION_STATUSES: PetitionStatus[] = ['draft', 'open', 'closed', 'delivered'];

export interface PetitionFilters {
  q?: string;
  status?: PetitionStatus;
  campaignId?: string;
  sort?: PetitionSort;
}

/** How often an open petition's count is re-read on screen: the server folds new signatures in every few seconds. */
export const LIVE_COUNT_MS = 5_000;

export const petitionKeys = (org: string) => ['org', org, 'petitions'] as const;

export const petitionsQuery = (org: string, filters: PetitionFilters & { page?: number; limit?: number }) =>
  queryOptions({
    queryKey: [...petitionKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/petitions', {
          params: {
            path: { orgSlug: org },
            query: {
              q: filters.q,
              status: filters.status,
              campaignId: filters.campaignId,
              sort: filters.sort,
              ...windowOf(filters.page),
              ...(filters.limit ? { limit: filters.limit } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

const path = (org: string, petitionId: string) => ({ params: { path: { orgSlug: org, petitionId } } });

export const petitionQuery = (org: string, petitionId: string) =>
  queryOptions({
    queryKey: [...petitionKeys(org), petitionId],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/petitions/{petitionId}', path(org, petitionId))),
  });

export const petitionCountsQuery = (org: string, petitionId: string) =>
  queryOptions({
    queryKey: [...petitionKeys(org), petitionId, 'counts'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/petitions/{petitionId}/counts', path(org, petitionId))),
  });

export const signaturesPerDayQuery = (org: string, petitionId: string, days: 30 | 90) =>
  queryOptions({
    queryKey: [...petitionKeys(org), petitionId, 'per-day', days],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/petitions/{petitionId}/signatures-per-day', {
          params: { path: { orgSlug: org, petitionId }, query: { days } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const paperSignaturesQuery = (org: string, petitionId: string, page: number | undefined) =>
  queryOptions({
    queryKey: [...petitionKeys(org), petitionId, 'paper', page ?? 1],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/petitions/{petitionId}/paper-signatures', {
          params: { path: { orgSlug: org, petitionId }, query: windowOf(page) },
        }),
      ),
    placeholderData: keepPreviousData,
  });
