import { Button, Code, Group, Select, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { LocalisedDates } from '../../components/dates';
import { LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { membersQuery } from '../members/member-queries';
import type { AuditEvent } from './audit-queries';
import { AUDIT_AREAS, AUDIT_OBJECT_TYPES } from './audit-areas';
import { actionKey, auditQuery } from './audit-queries';

/** Everything staff and tokens changed, newest first, filtered by action, object, person and dates (in the address). */
export function AuditScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/audit' });
  const navigate = useNavigate({ from: '/o/$org/audit' });
  const format = useFormat();
  const events = useQuery(auditQuery(org, search));
  // The first 100 members name the choices of the person filter.
  const members = useQuery(membersQuery(org, undefined));
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });
  const filtered = Boolean(search.action || search.objectType || search.actorUserId || search.since || search.until);

  // A role without the audit log gets the refusal alone, not filters it cannot use.
  if (events.error instanceof ApiError && events.error.forbidden)
    return (
      <Page title={t('audit.title')}>
        <LoadError error={events.error} />
      </Page>
    );
  return (
    <Page title={t('audit.title')}>
      <LocalisedDates>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('audit.action')}
            placeholder={t('audit.anyAction')}
            data={AUDIT_AREAS.map((area) => ({
              group: t(`audit.areas.${area.library}`),
              items: area.actions.map((a) => ({ value: a, label: t(actionKey(a)) })),
            }))}
            value={search.action ?? null}
            onChange={(action) => set({ action: action ?? undefined })}
            clearable
            searchable
            w={300}
          />
          <Select
            label={t('audit.object')}
            placeholder={t('audit.anyObject')}
            data={AUDIT_OBJECT_TYPES.map((o) => ({ value: o, label: t(`audit.objects.${o}`) }))}
            value={search.objectType ?? null}
            onChange={(objectType) => set({ objectType: objectType ?? undefined })}
            clearable
            searchable
            w={220}
          />
          <Select
            label={t('audit.actor')}
            placeholder={t('audit.anyone')}
            data={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }))}
            value={search.actorUserId ?? null}
            onChange={(actorUserId) => set({ actorUserId: actorUserId ?? undefined })}
            clearable
            searchable
            w={220}
          />
          <DatePickerInput
            label={t('audit.since')}
            value={search.since ?? null}
            onChange={(since) => set({ since: since ?? undefined })}
            clearable
            maxDate={search.until}
            w={170}
          />
          <DatePickerInput
            label={t('audit.until')}
            value={search.until ?? null}
            onChange={(until) => set({ until: until ?? undefined })}
            clearable
            minDate={search.since}
            w={170}
          />
          {filtered && (
            <Button variant="subtle" onClick={() => void navigate({ search: {} })}>
              {t('audit.clear')}
            </Button>
          )}
        </Group>
      </LocalisedDates>
      {events.error ? (
        <LoadError error={events.error} retry={() => void events.refetch()} />
      ) : (
        <ServerTable<AuditEvent>
          label={t('audit.title')}
          data={events.data}
          fetching={events.isFetching}
          page={search.page ?? 1}
          onPageChange={(page) => void navigate({ search: { ...search, page } })}
          noRecordsText={filtered ? t('audit.noMatch') : t('audit.none')}
          columns={[
            { accessor: 'at', title: t('audit.when'), render: (e) => format.dateTime(e.at), width: 190 },
            {
              accessor: 'actorName',
              title: t('audit.actor'),
              render: (e) => (e.actorKind === 'token' ? t('audit.byToken', { name: e.actorName }) : e.actorName),
            },
            {
              accessor: 'action',
              title: t('audit.action'),
              render: (e) => t(actionKey(e.action), { defaultValue: e.action }),
            },
            {
              accessor: 'details',
              title: t('audit.details'),
              render: (e) =>
                e.details && Object.keys(e.details).length > 0 ? (
                  <Code block={false} fz="xs">
                    {describe(e.details)}
                  </Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                ),
            },
            { accessor: 'ip', title: t('audit.ip'), render: (e) => e.ip ?? '—', width: 130 },
          ]}
        />
      )}
    </Page>
  );
}

/** A compact line for an event's details ("role: coordinator → campaigner" style is per action; keys and values suffice). */
const describe = (details: Record<string, unknown>): string =>
  Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
