import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type FollowUp = Schemas['FollowUpResponseDto'];
export type FollowUpStatus = Schemas['FollowUpStatus'];

// The server's list, in the order the console offers it (checked against the catalogues by catalogues.test.ts).
export const FOLLOW_UP_STATUSES: FollowUpStatus[] = ['open', 'done', 'cancelled'];

export interface FollowUpFilters {
  mine?: boolean;
  status?: FollowUpStatus;
  overdue?: boolean;
  campaignId?: string;
  targetId?: string;
}

export const followUpKeys = (org: string) => ['org', org, 'follow-ups'] as const;

/** The soonest due first, as the API orders them. */
export const followUpsQuery = (org: string, filters: FollowUpFilters & { page?: number }) =>
  queryOptions({
    queryKey: [...followUpKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/follow-ups', {
          params: {
            path: { orgSlug: org },
            query: {
              mine: filters.mine,
              status: filters.status,
              overdue: filters.overdue,
              campaignId: filters.campaignId,
              targetId: filters.targetId,
              ...windowOf(filters.page),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/**
 * One month of the calendar: the API's largest window (200). A month holds tens of follow-ups; a busier one shows
 * the first 200 and says so.
 */
export const CALENDAR_LIMIT = 200;

export const monthQuery = (org: string, from: string, to: string, mine: boolean) =>
  queryOptions({
    queryKey: [...followUpKeys(org), 'month', from, to, mine],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/follow-ups', {
          params: {
            path: { orgSlug: org },
            query: { dueFrom: from, dueTo: to, mine: mine || undefined, limit: CALENDAR_LIMIT },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const followUpQuery = (org: string, id: string) =>
  queryOptions({
    queryKey: [...followUpKeys(org), 'one', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/follow-ups/{followUpId}', {
          params: { path: { orgSlug: org, followUpId: id } },
        }),
      ),
  });

/** Owners to pick from: the organisation's members (one window of 200 holds a national organisation's staff). */
export const memberChoicesQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'members', 'choices'],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/members', { params: { path: { orgSlug: org }, query: { limit: 200 } } })),
  });

export const settingsQuery = (org: string) =>
  queryOptions({
    queryKey: [...followUpKeys(org), 'settings'],
    queryFn: () => unwrap(api.GET('/api/orgs/{orgSlug}/follow-up-settings', { params: { path: { orgSlug: org } } })),
  });

export const preferenceQuery = (org: string) =>
  queryOptions({
    queryKey: [...followUpKeys(org), 'preference'],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/follow-up-preferences/me', { params: { path: { orgSlug: org } } })),
  });

export type EscalationRule = Schemas['EscalationRuleResponse'];
export type EscalationAction = Schemas['EscalationAction'];
export type EscalationRun = Schemas['EscalationRunResponse'];
export const ESCALATION_ACTIONS: EscalationAction[] = ['follow-up', 'open-action', 'notify'];
export const ESCALATION_OUTCOMES: EscalationRun['outcome'][] = [
  'follow-up-created',
  'action-opened',
  'action-not-opened',
  'coordinators-notified',
  'skipped',
];

export const escalationRulesQuery = (org: string, page?: number) =>
  queryOptions({
    queryKey: [...followUpKeys(org), 'escalation-rules', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/escalation-rules', {
          params: { path: { orgSlug: org }, query: windowOf(page) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const escalationRunsQuery = (org: string, ruleId: string) =>
  queryOptions({
    queryKey: [...followUpKeys(org), 'escalation-runs', ruleId],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/escalation-rules/{escalationRuleId}/runs', {
          params: { path: { orgSlug: org, escalationRuleId: ruleId }, query: { limit: 200 } },
        }),
      ),
  });

/** Prepared next waves: the organisation's draft letter actions. */
export const draftActionsQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'letter-actions', 'drafts'],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/letter-actions', {
          params: { path: { orgSlug: org }, query: { status: 'draft', limit: 200 } },
        }),
      ),
  });

/** Responses to link: the latest window of the log (200), labelled by day and target. */
export const responseChoicesQuery = (org: string) =>
  queryOptions({
    queryKey: ['org', org, 'responses', 'choices'],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/responses', {
          params: { path: { orgSlug: org }, query: { status: 'recorded', limit: 200 } },
        }),
      ),
  });
