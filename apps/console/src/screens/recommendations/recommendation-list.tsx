import { Anchor, Badge, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { Page } from '../../components/page';
import { SearchBox } from '../../components/search-box';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import { RecommendationForm } from './recommendation-form';
import type { AreaFilter, Recommendation, RecommendationSource, VerificationLevel } from './recommendation-queries';
import {
  AREA_FILTERS,
  catalogueQuery,
  recommendationKeys,
  recommendationsQuery,
  SOURCES,
  VERIFICATION_LEVELS,
} from './recommendation-queries';
import { attribution, VerificationBadge } from './verification-badge';

const ALL = 'all';
const orAll = <T extends string>(v: string | null): T | undefined => (v && v !== ALL ? (v as T) : undefined);
type Editing = { row: Recommendation | null } | null;

/**
 * The Study's catalogue and the organisation's own recommendations, by focus area (the server's order), with each
 * item's verification level and the legend that explains it. Only the organisation's own can be edited.
 */
export function RecommendationListScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/recommendations' });
  const navigate = useNavigate({ from: '/o/$org/recommendations' });
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const page = search.page ?? 1;
  const list = useQuery(recommendationsQuery(org, { ...search, page }));
  const manage = can('recommendations.manage');
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });
  const remove = useMutation({
    mutationFn: (row: Recommendation) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/recommendations/{recommendationId}', {
          params: { path: { orgSlug: org, recommendationId: row.id } },
        }),
      ),
    onSuccess: (_, row) => {
      void queryClient.invalidateQueries({ queryKey: recommendationKeys(org) });
      notifySuccess(t('recommendations.deleted', { code: row.code }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askDelete = async (row: Recommendation): Promise<void> => {
    const ok = await confirmAction({
      title: t('recommendations.deleteTitle'),
      message: t('recommendations.deleteMessage', { code: row.code }),
      confirmLabel: t('recommendations.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate(row);
  };

  return (
    <Page
      title={t('recommendations.title')}
      actions={manage && <Button onClick={() => setEditing({ row: null })}>{t('recommendations.add')}</Button>}
    >
      <Legend />
      <Group align="flex-end" wrap="wrap">
        <SearchBox label={t('recommendations.search')} value={search.q} onSearch={(q) => set({ q })} />
        <Select
          label={t('recommendations.focusAreaField')}
          data={[
            { value: ALL, label: t('recommendations.allFocusAreas') },
            ...AREA_FILTERS.map((a) => ({ value: a, label: t(`recommendations.focusArea.${a}`) })),
          ]}
          value={search.focusArea ?? ALL}
          onChange={(v) => set({ focusArea: orAll<AreaFilter>(v) })}
          allowDeselect={false}
          w={280}
        />
        <Select
          label={t('recommendations.sourceField')}
          data={[
            { value: ALL, label: t('recommendations.allSources') },
            ...SOURCES.map((s) => ({ value: s, label: t(`recommendations.source.${s}`) })),
          ]}
          value={search.source ?? ALL}
          onChange={(v) => set({ source: orAll<RecommendationSource>(v) })}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('recommendations.verificationField')}
          data={[
            { value: ALL, label: t('recommendations.allLevels') },
            ...VERIFICATION_LEVELS.map((l) => ({ value: l, label: t(`recommendations.level.${l}`) })),
          ]}
          value={search.verification ?? ALL}
          onChange={(v) => set({ verification: orAll<VerificationLevel>(v) })}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('recommendations.withdrawnField')}
          data={[
            { value: ALL, label: t('recommendations.current') },
            { value: 'yes', label: t('recommendations.withdrawnOnly') },
          ]}
          value={search.withdrawn ?? ALL}
          onChange={(v) => set({ withdrawn: orAll<'yes'>(v) })}
          allowDeselect={false}
          w={200}
        />
      </Group>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ServerTable<Recommendation>
          label={t('recommendations.title')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
          noRecordsText={t('recommendations.noMatch')}
          columns={[
            {
              accessor: 'focusArea',
              title: t('recommendations.focusAreaField'),
              width: 190,
              render: (r) => t(`recommendations.focusArea.${r.focusArea ?? 'overarching'}`),
            },
            { accessor: 'code', title: t('recommendations.code'), width: 120 },
            { accessor: 'title', title: t('recommendations.titleField'), render: (r) => <Summary row={r} /> },
            {
              accessor: 'verification',
              title: t('recommendations.verificationField'),
              width: 150,
              render: (r) => (
                <Stack gap={4} align="flex-start">
                  <VerificationBadge level={r.verification} />
                  {r.withdrawn && (
                    <Badge color="red" variant="light" size="sm">
                      {t('recommendations.withdrawn')}
                    </Badge>
                  )}
                </Stack>
              ),
            },
            ...(manage
              ? [
                  {
                    accessor: 'actions',
                    title: t('common.actions'),
                    width: 170,
                    render: (r: Recommendation) =>
                      r.sourceKind === 'organisation' ? (
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={t('recommendations.editOf', { code: r.code })}
                            onClick={() => setEditing({ row: r })}
                          >
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={t('recommendations.deleteOf', { code: r.code })}
                            onClick={() => void askDelete(r)}
                          >
                            {t('recommendations.delete')}
                          </Button>
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('recommendations.readOnly')}
                        </Text>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.row ? t('recommendations.editTitle') : t('recommendations.addTitle')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
        size="lg"
      >
        {editing && <RecommendationForm org={org} row={editing.row} onDone={() => setEditing(null)} />}
      </Modal>
    </Page>
  );
}

/** Title, how it may be worded, its source and evidence links. */
function Summary({ row }: { row: Recommendation }): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {row.title}
      </Text>
      <Group gap="xs">
        <Text size="xs" fw={600}>
          {t(attribution(row), { source: row.sourceLabel ?? '' })}
        </Text>
        {row.sourceReference && (
          <Text size="xs" c="dimmed">
            {row.sourceReference}
          </Text>
        )}
      </Group>
      {row.summary && <Text size="sm">{row.summary}</Text>}
      {row.evidence.length > 0 && (
        <Group gap="xs">
          {row.evidence.map((e) => (
            <Anchor key={e.url} href={e.url} target="_blank" rel="noreferrer" size="xs" title={e.supports}>
              {new URL(e.url).hostname}
            </Anchor>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** What each badge means, in the catalogue file's own words, and which levels may be cited as "the Study recommends". */
function Legend(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const catalogue = useQuery(catalogueQuery(org));
  if (!catalogue.data) return null;
  const { verificationLegend, version, sourceTitle, sourceUrl } = catalogue.data;
  return (
    <Stack gap="xs" component="section" aria-label={t('recommendations.legendTitle')}>
      <Text size="sm">
        {t('recommendations.catalogueFrom', { version })}{' '}
        <Anchor href={sourceUrl} target="_blank" rel="noreferrer" size="sm">
          {sourceTitle}
        </Anchor>
      </Text>
      <List size="sm" spacing={4}>
        {VERIFICATION_LEVELS.map((level) => (
          <List.Item key={level} icon={<VerificationBadge level={level} />}>
            {verificationLegend[level]}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        {t('recommendations.wordingRule')}
      </Text>
    </Stack>
  );
}
