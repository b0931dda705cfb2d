import { Button, Group, Modal, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalisedDates } from '../../components/dates';
import { LoadError } from '../../components/feedback';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { AddResponsibilityForm } from './responsibility-forms';
import { ResponsibilityTable } from './responsibility-table';
import type { FocusArea } from './target-queries';
import { responsibilitiesQuery, useCountryChoices, useFocusAreaChoices } from './target-queries';
import { TargetsNav } from './targets-nav';

const ALL = 'all';

/**
 * Who was responsible for what, from when to when: the history letters are routed by (the holder on the day a letter
 * is sent). "On a day" answers who that was; the filters live in the address.
 */
export function ResponsibilityTimelineScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/targets/responsibilities' });
  const navigate = useNavigate({ from: '/o/$org/targets/responsibilities' });
  const countries = useCountryChoices();
  const focusAreas = useFocusAreaChoices();
  const [adding, add] = useDisclosure(false);
  const list = useQuery(responsibilitiesQuery(org, { ...search, page: search.page ?? 1 }));
  const set = (change: Partial<typeof search>): void =>
    void navigate({ search: { ...search, ...change, page: undefined } });
  const manage = can('targets.manage');
  const filtered = Boolean(search.country || search.focusArea || search.on);

  return (
    <Page
      title={t('targets.responsibility.title')}
      actions={manage && <Button onClick={add.open}>{t('targets.responsibility.add')}</Button>}
    >
      <TargetsNav />
      <LocalisedDates>
        <Group align="flex-end" wrap="wrap">
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
          <Select
            label={t('targets.focusAreaField')}
            data={[{ value: ALL, label: t('targets.allFocusAreas') }, ...focusAreas]}
            value={search.focusArea ?? ALL}
            onChange={(v) => set({ focusArea: v && v !== ALL ? (v as FocusArea) : undefined })}
            allowDeselect={false}
            w={280}
          />
          <DatePickerInput
            label={t('targets.responsibility.onDay')}
            description={t('targets.responsibility.onDayHint')}
            clearable
            clearButtonProps={{ 'aria-label': t('targets.responsibility.clearOnDay') }}
            valueFormat="D MMM YYYY"
            value={search.on ?? null}
            onChange={(v) => set({ on: v ?? undefined })}
            w={240}
          />
        </Group>
      </LocalisedDates>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ResponsibilityTable
          org={org}
          data={list.data}
          fetching={list.isFetching}
          page={search.page ?? 1}
          onPageChange={(page) => void navigate({ search: { ...search, page } })}
          manage={manage}
          showTarget
          noRecordsText={filtered ? t('targets.responsibility.noMatch') : t('targets.responsibility.none')}
        />
      )}
      <Modal
        opened={adding}
        onClose={add.close}
        title={t('targets.responsibility.addTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        <AddResponsibilityForm
          org={org}
          country={search.country}
          focusArea={search.focusArea}
          onDone={add.close}
          onCancel={add.close}
        />
      </Modal>
    </Page>
  );
}
