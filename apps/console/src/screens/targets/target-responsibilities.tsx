import { Button, Group, Modal, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { AnchorLink } from '../../components/links';
import { useOrg } from '../../session/org';
import { AddResponsibilityForm } from './responsibility-forms';
import { ResponsibilityTable } from './responsibility-table';
import type { Target } from './target-queries';
import { targetResponsibilitiesQuery } from './target-queries';

/** What this target answers for, past and present, with a way to add to it. */
export function TargetResponsibilities({ org, target }: { org: string; target: Target }): ReactNode {
  const { t } = useTranslation();
  const { can } = useOrg();
  const [page, setPage] = useState(1);
  const [adding, add] = useDisclosure(false);
  const list = useQuery(targetResponsibilitiesQuery(org, target.id, page));
  const manage = can('targets.manage');
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <AnchorLink
          to="/o/$org/targets/responsibilities"
          params={{ org }}
          search={{ country: target.country }}
          size="sm"
        >
          {t('targets.responsibility.timelineOfCountry')}
        </AnchorLink>
        {manage && (
          <Button variant="default" onClick={add.open}>
            {t('targets.responsibility.add')}
          </Button>
        )}
      </Group>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <ResponsibilityTable
          org={org}
          data={list.data}
          fetching={list.isFetching}
          page={page}
          onPageChange={setPage}
          manage={manage}
          showTarget={false}
          noRecordsText={t('targets.responsibility.noneForTarget')}
        />
      )}
      <Modal
        opened={adding}
        onClose={add.close}
        title={t('targets.responsibility.addTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        <AddResponsibilityForm org={org} target={target} onDone={add.close} onCancel={add.close} />
      </Modal>
    </Stack>
  );
}
