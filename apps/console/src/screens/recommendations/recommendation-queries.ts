import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Recommendation = Schemas['RecommendationResponse'];
export type VerificationLevel = Schemas['VerificationLevel'];
export type RecommendationSource = Schemas['RecommendationSource'];
export type AreaFilter = Schemas['RecommendationAreaFilter'];
export type FocusArea = Schemas['StudyFocusArea'];

// The server's lists, in the order the console offers them (checked against the catalogues by catalogues.test.ts).
export const AREA_FILTERS: AreaFilter[] = [
  'overarching',
  'administration-of-justice',
  'children-with-parents-in-prison',
  'migration',
  'institutions',
  'armed-conflict',
  'national-security',
];
export const FOCUS_AREAS = AREA_FILTERS.filter((a): a is FocusArea => a !== 'overarching');
export const VERIFICATION_LEVELS: VerificationLevel[] = ['primary', 'secondary', 'partial', 'unverified'];
export const SOURCES: RecommendationSource[] = ['study', 'organisation'];

export interface RecommendationFilters {
  q?: string;
  focusArea?: AreaFilter;
  source?: RecommendationSource;
  verification?: VerificationLevel;
  withdrawn?: 'yes';
}

export const recommendationKeys = (org: string) => ['org', org, 'recommendations'] as const;

export const recommendationsQuery = (org: string, filters: RecommendationFilters & { page?: number }) =>
  queryOptions({
    queryKey: [...recommendationKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/recommendations', {
          params: {
            path: { orgSlug: org },
            query: {
              q: filters.q,
              focusArea: filters.focusArea,
              source: filters.source,
              verification: filters.verification,
              withdrawn: filters.withdrawn === 'yes' ? true : undefined,
              ...windowOf(filters.page),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** The version loaded and the file's legend; changes only with a new release, so kept for the session. */
export const catalogueQuery = (org: string) =>
  queryOptions({
    queryKey: [...recommendationKeys(org), 'catalogue'],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/recommendation-catalogue', { params: { path: { orgSlug: org } } })),
    staleTime: Infinity,
  });
