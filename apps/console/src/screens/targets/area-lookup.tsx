import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { EmptyState, LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import { showFieldErrors } from '../../components/forms';
import { ButtonLink } from '../../components/links';
import { Page } from '../../components/page';
import { Can } from '../../components/permissions';
import { SearchBox } from '../../components/search-box';
import { ServerTable } from '../../components/server-table';
import { useOrg } from '../../session/org';
import type { AreaLookup } from './target-queries';
import { areaLookupKeys, areaLookupsQuery, exportUrl, useCountryChoices } from './target-queries';
import { TargetsNav } from './targets-nav';

const ALL = 'all';
type Editing = { row: AreaLookup | null } | null;

/**
 * The organisation's table from postcode (or its first characters) to region code: a supporter's postcode finds the
 * targets answering for their region. The longest matching prefix wins, so "69" and "6900" can both be listed.
 */
export function AreaLookupScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/targets/area-lookup' });
  const navigate = useNavigate({ from: '/o/$org/targets/area-lookup' });
  const countries = useCountryChoices();
  const countryName = useCountryName();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const page = search.page ?? 1;
  const list = useQuery(areaLookupsQuery(org, { ...search, page }));
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });
  const manage = can('targets.manage');
  const remove = useMutation({
    mutationFn: (row: AreaLookup) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/area-lookups/{areaLookupId}', {
          params: { path: { orgSlug: org, areaLookupId: row.id } },
        }),
      ),
    onSuccess: (_, row) => {
      void queryClient.invalidateQueries({ queryKey: areaLookupKeys(org) });
      notifySuccess(t('targets.area.deleted', { prefix: row.postcodePrefix }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askDelete = async (row: AreaLookup): Promise<void> => {
    const ok = await confirmAction({
      title: t('targets.area.deleteTitle'),
      message: t('targets.area.deleteMessage', { prefix: row.postcodePrefix, region: row.regionCode }),
      confirmLabel: t('targets.area.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate(row);
  };
  const filtered = Boolean(search.country || search.q);

  return (
    <Page
      title={t('targets.area.title')}
      actions={
        <>
          {manage && <Button onClick={() => setEditing({ row: null })}>{t('targets.area.add')}</Button>}
          <Can permission="targets.import">
            <ButtonLink
              variant="default"
              to="/o/$org/targets/import"
              params={{ org }}
              search={{ kind: 'area-lookups' }}
            >
              {t('targets.importCsv')}
            </ButtonLink>
          </Can>
          <Button variant="default" component="a" href={exportUrl(org, 'area-lookups')} download="area-lookup.csv">
            {t('targets.exportCsv')}
          </Button>
        </>
      }
    >
      <TargetsNav />
      <Group align="flex-end" wrap="wrap">
        <SearchBox label={t('targets.area.search')} value={search.q} onSearch={(q) => set({ q })} />
        <Select
          label={t('targets.country')}
          data={[{ value: ALL, label: t('targets.allCountries') }, ...countries]}
          value={search.country ?? ALL}
          onChange={(v) => set({ country: v && v !== ALL ? v : undefined })}
          allowDeselect={false}
          searchable
          limit={50}
          w={220}
        />
      </Group>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : list.data?.total === 0 && !filtered ? (
        <EmptyState title={t('targets.area.emptyTitle')} hint={t('targets.area.emptyHint')} />
      ) : (
        <ServerTable<AreaLookup>
          label={t('targets.area.title')}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={(p) => void navigate({ search: { ...search, page: p } })}
          noRecordsText={t('targets.area.noMatch')}
          columns={[
            { accessor: 'country', title: t('targets.country'), render: (r) => countryName(r.country), width: 180 },
            { accessor: 'postcodePrefix', title: t('targets.area.prefix'), width: 180 },
            { accessor: 'regionCode', title: t('targets.area.region'), width: 180 },
            { accessor: 'label', title: t('targets.area.label') },
            ...(manage
              ? [
                  {
                    accessor: 'actions',
                    title: t('common.actions'),
                    width: 170,
                    render: (r: AreaLookup) => (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={t('targets.area.editOf', { prefix: r.postcodePrefix })}
                          onClick={() => setEditing({ row: r })}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={t('targets.area.deleteOf', { prefix: r.postcodePrefix })}
                          onClick={() => void askDelete(r)}
                        >
                          {t('targets.area.delete')}
                        </Button>
                      </Group>
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
        title={editing?.row ? t('targets.area.editTitle') : t('targets.area.addTitle')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        {editing && (
          <AreaLookupForm
            org={org}
            row={editing.row}
            countries={countries}
            defaultCountry={search.country}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Page>
  );
}

function AreaLookupForm({
  org,
  row,
  countries,
  defaultCountry,
  onDone,
}: {
  org: string;
  row: AreaLookup | null;
  countries: { value: string; label: string }[];
  defaultCountry?: string;
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const required = (v: string) => (v.trim() ? null : t('shared:errors.required'));
  const form = useForm({
    initialValues: {
      country: row?.country ?? defaultCountry ?? '',
      postcodePrefix: row?.postcodePrefix ?? '',
      regionCode: row?.regionCode ?? '',
      label: row?.label ?? '',
    },
    validate: { country: required, postcodePrefix: required, regionCode: required },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        ...v,
        postcodePrefix: v.postcodePrefix.trim(),
        regionCode: v.regionCode.trim(),
        label: v.label.trim(),
      };
      return row
        ? unwrap(
            api.PATCH('/api/orgs/{orgSlug}/area-lookups/{areaLookupId}', {
              params: { path: { orgSlug: org, areaLookupId: row.id } },
              body,
            }),
          )
        : unwrap(api.POST('/api/orgs/{orgSlug}/area-lookups', { params: { path: { orgSlug: org } }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: areaLookupKeys(org) });
      notifySuccess(t('targets.area.saved', { prefix: saved.postcodePrefix, region: saved.regionCode }));
      onDone();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="sm">
        <Select
          label={t('targets.country')}
          data={countries}
          required
          searchable
          limit={50}
          allowDeselect={false}
          {...form.getInputProps('country')}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('targets.area.prefix')}
            description={t('targets.area.prefixHint')}
            required
            maxLength={20}
            data-autofocus
            {...form.getInputProps('postcodePrefix')}
          />
          <TextInput
            label={t('targets.area.region')}
            description={t('targets.area.regionHint')}
            required
            maxLength={64}
            {...form.getInputProps('regionCode')}
          />
        </SimpleGrid>
        <TextInput
          label={t('targets.area.label')}
          description={t('targets.area.labelHint')}
          maxLength={200}
          {...form.getInputProps('label')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
