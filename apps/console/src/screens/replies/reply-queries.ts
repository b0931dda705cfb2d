import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type Thread = Schemas['InboundThreadResponse'];
export type ThreadMessage = Schemas['InboundThreadMessageResponse'];
export type InboundMessage = Schemas['InboundMessageResponse'];
export type InboundMessageSummary = Schemas['InboundMessageSummaryResponse'];
export type InboundKind = Schemas['InboundKind'];
export type InboundAlert = Schemas['InboundAlertResponse'];
export type InboundAlertKind = Schemas['InboundAlertKind'];
export type ThreadedBy = Schemas['ThreadedBy'];
export type LetterChoice = Schemas['InboundLetterChoiceResponse'];

// The server's lists (checked against the catalogues by catalogues.test.ts).
export const INBOUND_KINDS: InboundKind[] = ['reply', 'auto-reply', 'bounce', 'loop'];
export const ALERT_KINDS: InboundAlertKind[] = ['address-bounced', 'policy-block', 'domain-paused'];
export const THREADED_BY: ThreadedBy[] = ['token', 'recipient-header', 'in-reply-to', 'staff'];

/** Threads change when mail arrives; a coordinator reading them wants it within a minute, not at once. */
const LIVE_MS = 60_000;

export const inboundKeys = (org: string) => ['org', org, 'inbound'] as const;

export interface ThreadFilters {
  campaignId?: string;
  targetId?: string;
}

export const threadsQuery = (org: string, { page, ...filters }: ThreadFilters & { page?: number }) =>
  queryOptions({
    queryKey: [...inboundKeys(org), 'threads', filters, page ?? 1],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/inbound/threads', {
          params: { path: { orgSlug: org }, query: { ...filters, ...windowOf(page) } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });

export const messageQuery = (org: string, messageId: string) =>
  queryOptions({
    queryKey: [...inboundKeys(org), 'message', messageId],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/inbound/messages/{messageId}', {
          params: { path: { orgSlug: org, messageId } },
        }),
      ),
  });

export const triageQuery = (org: string, page: number | undefined) =>
  queryOptions({
    queryKey: [...inboundKeys(org), 'triage', page ?? 1],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/inbound/messages', {
          params: { path: { orgSlug: org }, query: { triage: true, ...windowOf(page) } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });

/** Every alert, those nobody acknowledged first (the server's order). */
export const alertsQuery = (org: string, page: number | undefined) =>
  queryOptions({
    queryKey: [...inboundKeys(org), 'alerts', page ?? 1],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/inbound/alerts', {
          params: { path: { orgSlug: org }, query: { open: false, ...windowOf(page) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const letterChoicesQuery = (org: string, q: string | undefined) =>
  queryOptions({
    queryKey: [...inboundKeys(org), 'letter-choices', q ?? ''],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/inbound/letter-choices', {
          params: { path: { orgSlug: org }, query: { q, limit: 10 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
