import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';

export type ScoreboardRow = Schemas['ScoreboardRowResponse'];
export type Holiday = Schemas['HolidayResponse'];

export interface ScoreboardFilters {
  campaignId?: string;
  country?: string;
}

export const scoreboardKeys = (org: string) => ['org', org, 'scoreboard'] as const;

export const scoreboardQuery = (org: string, filters: ScoreboardFilters) =>
  queryOptions({
    queryKey: [...scoreboardKeys(org), 'board', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/scoreboard', {
          params: { path: { orgSlug: org }, query: { campaignId: filters.campaignId, country: filters.country } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const holidaysQuery = (org: string) =>
  queryOptions({
    queryKey: [...scoreboardKeys(org), 'holidays'],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/scoreboard/holidays', { params: { path: { orgSlug: org }, query: {} } })),
  });

export const scoreboardSettingsQuery = (org: string) =>
  queryOptions({
    queryKey: [...scoreboardKeys(org), 'settings'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/scoreboard/settings', { params: { path: { orgSlug: org } } })),
  });

/** 0.3333 -> "33%" in the reader's language. */
export const percent = (rate: number, language: string): string =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
