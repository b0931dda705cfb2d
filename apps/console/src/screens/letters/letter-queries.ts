import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type LetterAction = Schemas['LetterActionResponse'];
export type LetterActionStatus = Schemas['LetterActionStatus'];
export type LetterActionSort = Schemas['LetterActionSort'];
export type DeliveryStatus = Schemas['LetterDeliveryStatus'];
export type LetterSummary = Schemas['LetterSummaryResponse'];
export type TargetDelivery = Schemas['LetterTargetDelivery'];
export type HeldSubmission = Schemas['HeldSubmissionResponse'];
export type MergeField = Schemas['MergeFieldResponse'];
export type Target = Schemas['TargetResponse'];
export type TargetKind = Schemas['TargetKind'];
export type FocusArea = Schemas['StudyFocusArea'];
export type RoutingMode = Schemas['RoutingMode'];

export const LETTER_ACTION_STATUSES: LetterActionStatus[] = ['draft', 'open', 'closed'];
export const LETTER_ACTION_SORTS: LetterActionSort[] = ['newest', 'oldest', 'title'];
export const DELIVERY_STATUSES: DeliveryStatus[] = [
  'awaiting_confirmation',
  'queued',
  'waiting',
  'sending',
  'sent',
  'failed',
  'held',
  'cancelled',
  'bounced',
];
export const ROUTING_MODES: RoutingMode[] = ['region', 'country', 'responsibility', 'pick', 'sample'];
export const TARGET_KINDS: TargetKind[] = ['ministry', 'minister', 'parliamentarian', 'focal-point', 'nhri', 'other'];
export const FOCUS_AREAS: FocusArea[] = [
  'administration-of-justice',
  'children-with-parents-in-prison',
  'migration',
  'institutions',
  'armed-conflict',
  'national-security',
];

/** How often delivery is re-read while its tab is shown: the dispatcher sends every few seconds. */
export const LIVE_DELIVERY_MS = 5_000;

export const letterKeys = (org: string) => ['org', org, 'letters'] as const;

export interface LetterActionFilters {
  q?: string;
  status?: LetterActionStatus;
  campaignId?: string;
  sort?: LetterActionSort;
}

export const letterActionsQuery = (org: string, { page, ...filters }: LetterActionFilters & { page?: number }) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'actions', filters, page ?? 1],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/letter-actions', {
          params: { path: { orgSlug: org }, query: { ...filters, ...windowOf(page) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

const actionPath = (org: string, actionId: string) => ({ params: { path: { orgSlug: org, actionId } } });

export const letterActionQuery = (org: string, actionId: string) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'action', actionId],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/letter-actions/{actionId}', actionPath(org, actionId))),
  });

export const mergeFieldsQuery = (org: string) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'merge-fields'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/letter-merge-fields', { params: { path: { orgSlug: org } } })),
    staleTime: Infinity,
  });

export const deliveryQuery = (org: string, actionId: string) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'action', actionId, 'delivery'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/letter-actions/{actionId}/delivery', actionPath(org, actionId))),
  });

export interface LetterFilters {
  actionId: string;
  status?: DeliveryStatus;
  targetId?: string;
  page?: number;
}

export const lettersQuery = (org: string, { page, ...filters }: LetterFilters) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'action', filters.actionId, 'letters', filters, page ?? 1],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/letters', {
          params: { path: { orgSlug: org }, query: { ...filters, ...windowOf(page) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const letterQuery = (org: string, letterId: string) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'letter', letterId],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/letters/{letterId}', { params: { path: { orgSlug: org, letterId } } })),
  });

export const heldQuery = (org: string, actionId: string, page: number) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'action', actionId, 'held', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/letter-actions/{actionId}/held', {
          params: { path: { orgSlug: org, actionId }, query: windowOf(page) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const campaignLetterStatsQuery = (org: string, campaignId: string) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'campaign-stats', campaignId],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/campaigns/{campaignId}/letter-stats', {
          params: { path: { orgSlug: org, campaignId } },
        }),
      ),
  });

/**
 * The targets a routing may list: the directory's first 200 by name (the API's page limit, and the most a pick or
 * sample list may hold), searched by name when the organisation has more.
 */
export const routingTargetsQuery = (org: string, q?: string) =>
  queryOptions({
    queryKey: [...letterKeys(org), 'routing-targets', q ?? ''],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/targets', {
          params: { path: { orgSlug: org }, query: { q: q || undefined, sort: 'name', limit: 200 } },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export type LetterActionPatch = Schemas['LetterActionUpdateDto'];

export const patchLetterAction = (org: string, actionId: string, body: LetterActionPatch) =>
  unwrap(
    api.PATCH('/api/orgs/{orgSlug}/letter-actions/{actionId}', { params: { path: { orgSlug: org, actionId } }, body }),
  );

/** The markers of the part supporters may rewrite, passed to texts as arguments (braces are syntax in messages). */
export const EDITABLE_MARKS = { open: '{{#editable}}', close: '{{/editable}}' };
