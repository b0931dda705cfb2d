import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Mailing = Schemas['MailingResponse'];
export type MailingStatus = Schemas['MailingStatus'];
export type MailingAudience = Schemas['MailingAudienceDto'];
export type MailingAudienceKind = Schemas['MailingAudienceKind'];
export type MailingVariant = Schemas['MailingVariantDto'];
export type MailingSchedule = Schemas['MailingScheduleDto'];
export type MailingScheduleKind = Schemas['MailingScheduleKind'];
export type MailingFrequency = Schemas['MailingFrequency'];
export type MailingRun = Schemas['MailingRunResponse'];
export type MailingRunStatus = Schemas['MailingRunStatus'];

// The server's lists, in the order the console offers them (checked against the catalogues by catalogues.test.ts).
export const MAILING_STATUSES: MailingStatus[] = ['draft', 'scheduled', 'paused', 'cancelled', 'finished'];
export const AUDIENCE_KINDS: MailingAudienceKind[] = [
  'petition-signers',
  'letter-writers',
  'campaign-supporters',
  'organisation-supporters',
  'staff',
];
export const SCHEDULE_KINDS: MailingScheduleKind[] = ['once', 'recurring', 'after-signing', 'before-close'];
export const FREQUENCIES: MailingFrequency[] = ['daily', 'weekly', 'monthly'];
export const RUN_STATUSES: MailingRunStatus[] = ['sending', 'paused', 'finished', 'cancelled'];
export const PROGRESS: (keyof Schemas['MailingRunProgress'])[] = [
  'staged',
  'queued',
  'sent',
  'failed',
  'bounced',
  'unsubscribed',
  'skipped',
];

/** Runs still sending are polled this often, so the progress moves on screen. */
export const LIVE_PROGRESS_MS = 2_000;

export const mailingKeys = (org: string) => ['org', org, 'mailings'] as const;

export const mailingsQuery = (org: string, filters: { status?: MailingStatus; page?: number }) =>
  queryOptions({
    queryKey: [...mailingKeys(org), 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/mailings', {
          params: { path: { orgSlug: org }, query: { status: filters.status, ...windowOf(filters.page) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const mailingQuery = (org: string, mailingId: string) =>
  queryOptions({
    queryKey: [...mailingKeys(org), 'one', mailingId],
    queryFn: () =>
      unwrap(api.GET('/api/orgs/{orgSlug}/mailings/{mailingId}', { params: { path: { orgSlug: org, mailingId } } })),
    // Sent once and still sending: polled until the worker marks it finished.
    refetchInterval: (query) =>
      query.state.data?.status === 'scheduled' && !query.state.data.nextRunAt ? LIVE_PROGRESS_MS : false,
  });

export const mailingRunsQuery = (org: string, mailingId: string, page: number) =>
  queryOptions({
    queryKey: [...mailingKeys(org), 'one', mailingId, 'runs', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/mailings/{mailingId}/runs', {
          params: { path: { orgSlug: org, mailingId }, query: windowOf(page) },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => r.status === 'sending') ? LIVE_PROGRESS_MS : false,
  });

/** The pickers' choices: the API's largest window (200) holds an organisation's petitions, actions and campaigns. */
const PICKER_LIMIT = 200;

export const audienceChoicesQuery = (org: string, kind: MailingAudienceKind) =>
  queryOptions({
    queryKey: ['org', org, 'mailing-audience-choices', kind],
    queryFn: async (): Promise<{ value: string; label: string }[]> => {
      const path = { orgSlug: org };
      if (kind === 'petition-signers') {
        const page = await unwrap(
          api.GET('/api/orgs/{orgSlug}/petitions', { params: { path, query: { limit: PICKER_LIMIT } } }),
        );
        return page.items.map((p) => ({ value: p.id, label: p.title }));
      }
      if (kind === 'letter-writers') {
        const page = await unwrap(
          api.GET('/api/orgs/{orgSlug}/letter-actions', { params: { path, query: { limit: PICKER_LIMIT } } }),
        );
        return page.items.map((a) => ({ value: a.id, label: a.title }));
      }
      if (kind === 'campaign-supporters') {
        const page = await unwrap(
          api.GET('/api/orgs/{orgSlug}/campaigns', { params: { path, query: { sort: 'name', limit: PICKER_LIMIT } } }),
        );
        return page.items.map((c) => ({ value: c.id, label: c.name }));
      }
      return [];
    },
  });

/** The id field the audience kind names, for the picker and the server's field errors. */
export const audienceIdField = (kind: MailingAudienceKind): 'petitionId' | 'actionId' | 'campaignId' | null =>
  kind === 'petition-signers'
    ? 'petitionId'
    : kind === 'letter-writers'
      ? 'actionId'
      : kind === 'campaign-supporters'
        ? 'campaignId'
        : null;
