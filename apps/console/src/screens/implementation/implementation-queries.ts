import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Status = Schemas['StatusResponse'];
export type StatusDetail = Schemas['StatusDetailResponse'];
export type StatusValue = Schemas['ImplementationStatusValue'];
export type HistoryEntry = Schemas['HistoryEntryResponse'];
export type HistoryEvent = Schemas['ImplementationHistoryEvent'];
export type AreaFilter = Schemas['RecommendationAreaFilter'];

// The server's lists, in the order the console offers them (checked against the catalogues by catalogues.test.ts).
export const STATUSES: StatusValue[] = [
  'unknown',
  'not-started',
  'in-progress',
  'partially-implemented',
  'implemented',
  'regressed',
];
export const HISTORY_EVENTS: HistoryEvent[] = ['changed', 'proposed', 'approved', 'rejected'];
export const AREA_FILTERS: AreaFilter[] = [
  'overarching',
  'administration-of-justice',
  'children-with-parents-in-prison',
  'migration',
  'institutions',
  'armed-conflict',
  'national-security',
];

export interface BoardFilters {
  country: string;
  focusArea?: AreaFilter;
  status?: StatusValue;
  pending?: 'yes';
  /** Only these recommendation codes (a campaign's dashboard). */
  codes?: string[];
  page?: number;
}

export const implementationKeys = (org: string) => ['org', org, 'implementation'] as const;

export const boardQuery = (org: string, filters: BoardFilters) =>
  queryOptions({
    queryKey: [...implementationKeys(org), 'board', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/implementation/statuses', {
          params: {
            path: { orgSlug: org },
            query: {
              country: filters.country,
              focusArea: filters.focusArea,
              status: filters.status,
              codes: filters.codes?.join(','),
              pending: filters.pending === 'yes' ? true : undefined,
              ...windowOf(filters.page),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const summaryQuery = (org: string, country: string) =>
  queryOptions({
    queryKey: [...implementationKeys(org), 'summary', country],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/implementation/summary', {
          params: { path: { orgSlug: org }, query: { country } },
        }),
      ),
  });

export const detailQuery = (org: string, recommendationId: string, country: string) =>
  queryOptions({
    queryKey: [...implementationKeys(org), 'detail', recommendationId, country],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/implementation/statuses/{recommendationId}', {
          params: { path: { orgSlug: org, recommendationId }, query: { country } },
        }),
      ),
  });

export const scorecardQuery = (org: string) =>
  queryOptions({
    queryKey: [...implementationKeys(org), 'scorecard'],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/implementation/scorecard', { params: { path: { orgSlug: org } } })),
  });

export const settingsQuery = (org: string) =>
  queryOptions({
    queryKey: [...implementationKeys(org), 'settings'],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/implementation/settings', { params: { path: { orgSlug: org } } })),
  });

/** Badge colours by how far the country has moved; grey until something is known. */
export const STATUS_COLOURS: Record<StatusValue, string> = {
  unknown: 'gray',
  'not-started': 'orange',
  'in-progress': 'blue',
  'partially-implemented': 'teal',
  implemented: 'green',
  regressed: 'red',
};
