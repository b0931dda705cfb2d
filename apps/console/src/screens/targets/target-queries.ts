import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useCountryName } from '../../components/format';
import { windowOf } from '../../components/pagination';
import countries from '../../i18n/shared/countries.json';

export type Target = Schemas['TargetResponse'];
export type TargetEmail = Schemas['TargetEmailResponse'];
export type TargetKind = Schemas['TargetKind'];
export type TargetSort = Schemas['TargetSort'];
export type TargetEmailState = Schemas['TargetEmailState'];
export type FocusArea = Schemas['StudyFocusArea'];
export type Responsibility = Schemas['ResponsibilityResponse'];
export type AreaLookup = Schemas['AreaLookupResponse'];

// The server's lists, in the order the console offers them (checked against the catalogues by catalogues.test.ts).
export const TARGET_KINDS: TargetKind[] = ['ministry', 'minister', 'parliamentarian', 'focal-point', 'nhri', 'other'];
export const FOCUS_AREAS: FocusArea[] = [
  'administration-of-justice',
  'children-with-parents-in-prison',
  'migration',
  'institutions',
  'armed-conflict',
  'national-security',
];
export const EMAIL_STATES: TargetEmailState[] = ['active', 'bounced', 'suspended', 'disabled'];
export const TARGET_SORTS: TargetSort[] = ['name', 'newest', 'updated'];

export interface TargetFilters {
  q?: string;
  kind?: TargetKind;
  country?: string;
  focusArea?: FocusArea;
  /** The address says yes/no; the API takes a boolean. */
  active?: 'yes' | 'no';
  emailState?: TargetEmailState;
  sort?: TargetSort;
}

export const targetKeys = (org: string) => ['org', org, 'targets'] as const;

export const targetsQuery = (org: string, filters: TargetFilters & { page?: number; limit?: number }) =>
  queryOptions({
    queryKey: [...targetKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/targets', {
          params: {
            path: { orgSlug: org },
            query: {
              q: filters.q,
              kind: filters.kind,
              country: filters.country,
              focusArea: filters.focusArea,
              active: filters.active === undefined ? undefined : filters.active === 'yes',
              emailState: filters.emailState,
              sort: filters.sort,
              ...windowOf(filters.page),
              ...(filters.limit ? { limit: filters.limit } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const targetQuery = (org: string, targetId: string) =>
  queryOptions({
    queryKey: [...targetKeys(org), 'one', targetId],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/targets/{targetId}', { params: { path: { orgSlug: org, targetId } } })),
  });

export interface ResponsibilityFilters {
  country?: string;
  focusArea?: FocusArea;
  /** A day (YYYY-MM-DD): only who was responsible on it. */
  on?: string;
}

export const responsibilityKeys = (org: string) => ['org', org, 'responsibilities'] as const;

export const responsibilitiesQuery = (org: string, filters: ResponsibilityFilters & { page?: number }) =>
  queryOptions({
    queryKey: [...responsibilityKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/responsibilities', {
          params: {
            path: { orgSlug: org },
            query: {
              country: filters.country,
              focusArea: filters.focusArea,
              on: filters.on,
              ...windowOf(filters.page),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const targetResponsibilitiesQuery = (org: string, targetId: string, page: number) =>
  queryOptions({
    queryKey: [...responsibilityKeys(org), 'target', targetId, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/targets/{targetId}/responsibilities', {
          params: { path: { orgSlug: org, targetId }, query: windowOf(page) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const areaLookupKeys = (org: string) => ['org', org, 'area-lookups'] as const;

export const areaLookupsQuery = (org: string, filters: { country?: string; q?: string; page?: number }) =>
  queryOptions({
    queryKey: [...areaLookupKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/area-lookups', {
          params: {
            path: { orgSlug: org },
            query: { country: filters.country, q: filters.q, ...windowOf(filters.page) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** The organisation's files for download: plain links, the session cookie goes with them (same origin). */
export const exportUrl = (org: string, file: 'targets' | 'area-lookups'): string =>
  `/api/orgs/${encodeURIComponent(org)}/${file}/export.csv`;

/** Every country as a choice, named in the console's language and sorted by that name. */
export function useCountryChoices(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const countryName = useCountryName();
  return useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return countries
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, i18n.language]);
}

/** The focus areas as choices, in their translated names. */
export function useFocusAreaChoices(): { value: FocusArea; label: string }[] {
  const { t } = useTranslation();
  return FOCUS_AREAS.map((a) => ({ value: a, label: t(`targets.focusArea.${a}`) }));
}
