import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { windowOf } from '../../components/pagination';

export type AuditEvent = Schemas['AuditEventResponse'];

export interface AuditFilters {
  action?: string;
  objectType?: string;
  actorUserId?: string;
  /** Calendar days (YYYY-MM-DD), read in the browser's time zone: the whole of `until` is included. */
  since?: string;
  until?: string;
}

const startOfDay = (day: string): string => new Date(`${day}T00:00:00`).toISOString();
const startOfNextDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
};

export const auditQuery = (org: string, filters: AuditFilters & { page?: number; limit?: number }) =>
  queryOptions({
    queryKey: ['org', org, 'audit', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgSlug}/audit-events', {
          params: {
            path: { orgSlug: org },
            query: {
              action: filters.action,
              objectType: filters.objectType,
              actorUserId: filters.actorUserId,
              since: filters.since ? startOfDay(filters.since) : undefined,
              until: filters.until ? startOfNextDay(filters.until) : undefined,
              ...windowOf(filters.page),
              ...(filters.limit ? { limit: filters.limit } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** The catalogue key of an action ("petition.paper-signatures.add" -> "audit.actions.petition_paper-signatures_add"). */
export const actionKey = (action: string): string => `audit.actions.${action.replaceAll('.', '_')}`;
