import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Response = Schemas['ResponseResponse'];
export type ResponseChannel = Schemas['ResponseChannel'];
export type ResponseStance = Schemas['ResponseStance'];
export type ResponseStatus = Schemas['ResponseStatus'];

// The server's lists, in the order the console offers them (checked against the catalogues by catalogues.test.ts).
export const CHANNELS: ResponseChannel[] = [
  'letter-reply',
  'email',
  'meeting',
  'public-statement',
  'parliamentary-answer',
  'other',
];
export const STANCES: ResponseStance[] = ['no-reply', 'acknowledged', 'committed', 'partially-committed', 'refused'];
export const STATUSES: ResponseStatus[] = ['draft', 'recorded'];

export interface ResponseFilters {
  targetId?: string;
  campaignId?: string;
  stance?: ResponseStance;
  channel?: ResponseChannel;
  status?: ResponseStatus;
}

export const responseKeys = (org: string) => ['org', org, 'responses'] as const;

/** The log as the API orders it: drafts to classify first, then the latest. */
export const responsesQuery = (org: string, filters: ResponseFilters & { page?: number }) =>
  queryOptions({
    queryKey: [...responseKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/responses', {
          params: {
            path: { orgSlug: org },
            query: {
              targetId: filters.targetId,
              campaignId: filters.campaignId,
              stance: filters.stance,
              channel: filters.channel,
              status: filters.status,
              ...windowOf(filters.page),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/**
 * Choices for the form's pickers: the API's largest window (200). An organisation has tens of targets and
 * campaigns and the catalogue ~60 recommendations, so one window holds them; the pickers search within it.
 */
const PICKER_LIMIT = 200;

export const targetChoicesQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'targets', 'choices'],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/targets', {
          params: { path: { orgSlug: org }, query: { sort: 'name', limit: PICKER_LIMIT } },
        }),
      ),
  });

export const campaignChoicesQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'campaigns', 'choices'],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/campaigns', {
          params: { path: { orgSlug: org }, query: { sort: 'name', limit: PICKER_LIMIT } },
        }),
      ),
  });

export const recommendationChoicesQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'recommendations', 'choices'],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/recommendations', {
          params: { path: { orgSlug: org }, query: { limit: PICKER_LIMIT } },
        }),
      ),
  });
