import { Badge, Button, Group, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadError } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Page } from '../../components/page';
import { Can } from '../../components/permissions';
import { SearchBox } from '../../components/search-box';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { EmailStateBadge } from './target-email-state';
import type { FocusArea, Target, TargetEmailState, TargetKind, TargetSort } from './target-queries';
import {
  EMAIL_STATES,
  exportUrl,
  TARGET_KINDS,
  TARGET_SORTS,
  targetsQuery,
  useCountryChoices,
  useFocusAreaChoices,
} from './target-queries';
import { TargetsNav } from './targets-nav';

const ALL = 'all';
const orAll = <T extends string>(v: string | null): T | undefined => (v && v !== ALL ? (v as T) : undefined);

/** The organisation's target directory, searched and filtered on the server; the filters live in the address. */
export function TargetListScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/targets' });
  const navigate = useNavigate({ from: '/o/$org/targets' });
  const countryChoices = useCountryChoices();
  const focusAreaChoices = useFocusAreaChoices();
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });
  const filtered = Boolean(
    search.q || search.kind || search.country || search.focusArea || search.active || search.emailState,
  );

  return (
    <Page
      title={t('targets.title')}
      actions={
        <>
          <Can permission="targets.manage">
            <ButtonLink to="/o/$org/targets/new" params={{ org }}>
              {t('targets.new')}
            </ButtonLink>
          </Can>
          <Can permission="targets.import">
            <ButtonLink variant="default" to="/o/$org/targets/import" params={{ org }} search={{ kind: 'targets' }}>
              {t('targets.importCsv')}
            </ButtonLink>
          </Can>
          <Button variant="default" component="a" href={exportUrl(org, 'targets')} download="targets.csv">
            {t('targets.exportCsv')}
          </Button>
        </>
      }
    >
      <TargetsNav />
      <Group align="flex-end" wrap="wrap">
        <SearchBox label={t('targets.search')} value={search.q} onSearch={(q) => set({ q })} />
        <Select
          label={t('targets.kindField')}
          data={[
            { value: ALL, label: t('targets.allKinds') },
            ...TARGET_KINDS.map((k) => ({ value: k, label: t(`targets.kind.${k}`) })),
          ]}
          value={search.kind ?? ALL}
          onChange={(v) => set({ kind: orAll<TargetKind>(v) })}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('targets.country')}
          data={[{ value: ALL, label: t('targets.allCountries') }, ...countryChoices]}
          value={search.country ?? ALL}
          onChange={(v) => set({ country: orAll(v) })}
          allowDeselect={false}
          searchable
          limit={50}
          w={220}
        />
        <Select
          label={t('targets.focusAreaField')}
          data={[{ value: ALL, label: t('targets.allFocusAreas') }, ...focusAreaChoices]}
          value={search.focusArea ?? ALL}
          onChange={(v) => set({ focusArea: orAll<FocusArea>(v) })}
          allowDeselect={false}
          w={260}
        />
        <Select
          label={t('targets.activeField')}
          data={[
            { value: ALL, label: t('targets.activeAll') },
            { value: 'yes', label: t('targets.activeYes') },
            { value: 'no', label: t('targets.activeNo') },
          ]}
          value={search.active ?? ALL}
          onChange={(v) => set({ active: orAll<'yes' | 'no'>(v) })}
          allowDeselect={false}
          w={160}
        />
        <Select
          label={t('targets.emailStateField')}
          data={[
            { value: ALL, label: t('targets.allEmailStates') },
            ...EMAIL_STATES.map((s) => ({ value: s, label: t('targets.withEmailState', { state: s }) })),
          ]}
          value={search.emailState ?? ALL}
          onChange={(v) => set({ emailState: orAll<TargetEmailState>(v) })}
          allowDeselect={false}
          w={240}
        />
        <Select
          label={t('common.sortBy')}
          data={TARGET_SORTS.map((s) => ({ value: s, label: t(`targets.sort.${s}`) }))}
          value={search.sort ?? 'name'}
          onChange={(v) => set({ sort: (v as TargetSort) ?? undefined })}
          allowDeselect={false}
          w={220}
        />
      </Group>
      <TargetTable
        org={org}
        filters={search}
        filtered={filtered}
        page={search.page ?? 1}
        onPageChange={(page) => void navigate({ search: { ...search, page } })}
      />
    </Page>
  );
}

function TargetTable({
  org,
  filters,
  filtered,
  page,
  onPageChange,
}: {
  org: string;
  filters: Parameters<typeof targetsQuery>[1];
  filtered: boolean;
  page: number;
  onPageChange: (page: number) => void;
}): ReactNode {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const list = useQuery(targetsQuery(org, { ...filters, page }));

  if (list.error) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  if (list.data?.total === 0 && !filtered)
    return (
      <EmptyState
        title={t('targets.emptyTitle')}
        hint={t('targets.emptyHint')}
        action={
          <Can permission="targets.manage">
            <ButtonLink to="/o/$org/targets/new" params={{ org }}>
              {t('targets.new')}
            </ButtonLink>
          </Can>
        }
      />
    );
  return (
    <ServerTable<Target>
      label={t('targets.title')}
      data={list.data}
      fetching={list.isFetching}
      page={page}
      onPageChange={onPageChange}
      noRecordsText={t('targets.noMatch')}
      columns={[
        {
          accessor: 'name',
          title: t('targets.name'),
          render: (target) => (
            <Group gap="xs" wrap="nowrap">
              <AnchorLink to="/o/$org/targets/$targetId" params={{ org, targetId: target.id }}>
                {target.name}
              </AnchorLink>
              {!target.active && (
                <Badge size="sm" color="gray" variant="light">
                  {t('targets.inactive')}
                </Badge>
              )}
            </Group>
          ),
        },
        { accessor: 'title', title: t('targets.titleField') },
        { accessor: 'body', title: t('targets.body') },
        { accessor: 'kind', title: t('targets.kindField'), render: (x) => t(`targets.kind.${x.kind}`), width: 150 },
        { accessor: 'country', title: t('targets.country'), render: (x) => countryName(x.country), width: 150 },
        {
          accessor: 'language',
          title: t('targets.language'),
          render: (x) => t(`shared:language.${x.language}`),
          width: 110,
        },
        { accessor: 'emails', title: t('targets.addresses'), render: (x) => <AddressSummary target={x} />, width: 220 },
      ]}
    />
  );
}

/** How many addresses are in which state; routable or not at a glance. */
function AddressSummary({ target }: { target: Target }): ReactNode {
  const { t } = useTranslation();
  const counts = EMAIL_STATES.map((s) => [s, target.emails.filter((e) => e.state === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  return (
    <Group gap={4} wrap="wrap">
      {counts.map(([state, n]) => (
        <EmailStateBadge key={state} state={state} count={n} />
      ))}
      {!target.routable && (
        <Text size="xs" c="red.8">
          {t('targets.notRoutable')}
        </Text>
      )}
    </Group>
  );
}
