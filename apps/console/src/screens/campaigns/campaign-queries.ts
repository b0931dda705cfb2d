import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Campaign = Schemas['CampaignResponse'];
export type CampaignSort = Schemas['CampaignSort'];

export const campaignKeys = (org: string) => ['org', org, 'campaigns'] as const;

export const campaignsQuery = (
  org: string,
  search: { q?: string; sort?: CampaignSort; page?: number; limit?: number },
) =>
  queryOptions({
    queryKey: [...campaignKeys(org), 'list', search],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/campaigns', {
          params: {
            path: { orgSlug: org },
            query: {
              q: search.q,
              sort: search.sort,
              ...windowOf(search.page),
              ...(search.limit ? { limit: search.limit } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const campaignQuery = (org: string, id: string) =>
  queryOptions({
    queryKey: [...campaignKeys(org), id],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/campaigns/{campaignId}', { params: { path: { orgSlug: org, campaignId: id } } }),
      ),
  });
