import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { ButtonLink } from '../../components/links';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import { useOrg } from '../../session/org';
import { ImportHistory, ImportStatusBadge } from './import-history';
import { ImportMapping } from './import-mapping';
import type { TargetImport } from './import-queries';
import { importKeys, importQuery, isRunning } from './import-queries';
import { ImportOutcome, ImportProgress } from './import-result';
import { ImportUpload } from './import-upload';
import { areaLookupKeys, responsibilityKeys, targetKeys } from './target-queries';
import { TargetsNav } from './targets-nav';

/**
 * CSV import of targets or the area lookup, in four steps: upload, map the columns, check (a dry run counting what
 * would change and listing the rows in error), apply. The import's id is in the address, so a reload resumes it.
 */
export function TargetImportScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/targets/import' });
  const navigate = useNavigate({ from: '/o/$org/targets/import' });
  const kind = search.kind ?? 'targets';

  return (
    <Page title={t('targets.import.title')}>
      <TargetsNav />
      {can('targets.import') && (
        <Section title={t('targets.import.wizard')} live>
          {search.importId ? (
            <ImportSteps
              key={search.importId}
              org={org}
              importId={search.importId}
              onRestart={() => void navigate({ search: { kind } })}
            />
          ) : (
            <ImportUpload
              org={org}
              kind={kind}
              onKindChange={(k) => void navigate({ search: { ...search, kind: k }, replace: true })}
              onUploaded={(u) => void navigate({ search: { kind: u.kind, importId: u.id } })}
            />
          )}
        </Section>
      )}
      <Section title={t('targets.import.history')}>
        <ImportHistory
          org={org}
          page={search.page ?? 1}
          onPageChange={(page) => void navigate({ search: { ...search, page } })}
        />
      </Section>
    </Page>
  );
}

const STEP: Record<TargetImport['status'], number> = {
  uploaded: 2,
  checking: 3,
  checked: 3,
  applying: 4,
  applied: 4,
  failed: 3,
};

function ImportSteps({
  org,
  importId,
  onRestart,
}: {
  org: string;
  importId: string;
  onRestart: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const found = useQuery(importQuery(org, importId));
  // A checked (or failed) import can be mapped again and re-checked; the member says so.
  const [remapping, setRemapping] = useState(false);
  const queryClient = useQueryClient();
  const status = found.data?.status;
  // The past imports show each status; once applied (or stopped half-way), the lists it wrote to are stale too.
  useEffect(() => {
    if (!status) return;
    void queryClient.invalidateQueries({ queryKey: [...importKeys(org), 'list'] });
    if (status === 'applied' || status === 'failed')
      for (const key of [targetKeys(org), areaLookupKeys(org), responsibilityKeys(org)])
        void queryClient.invalidateQueries({ queryKey: key });
  }, [status, org, queryClient]);

  if (found.error) return <LoadError error={found.error} retry={() => void found.refetch()} />;
  if (!found.data) return <Loading />;
  const upload = found.data;
  const mapping = upload.status === 'uploaded' || remapping;
  const step = mapping ? 2 : STEP[upload.status];
  const listTo = upload.kind === 'targets' ? ('/o/$org/targets' as const) : ('/o/$org/targets/area-lookup' as const);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>
            {t('targets.import.step', { step, total: 4, name: t(`targets.import.stepName.${step}`) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('targets.import.fileLine', {
              name: upload.fileName || t('targets.import.unnamed'),
              kind: t(`targets.import.kind.${upload.kind}`),
              size: format.number(Math.ceil(upload.fileBytes / 1024)),
            })}
          </Text>
        </Stack>
        <ImportStatusBadge status={upload.status} />
      </Group>
      {mapping ? (
        <ImportMapping
          org={org}
          upload={upload}
          onCancel={remapping ? () => setRemapping(false) : undefined}
          onChecked={() => setRemapping(false)}
        />
      ) : isRunning(upload.status) ? (
        <ImportProgress upload={upload} />
      ) : upload.status === 'failed' ? (
        <Stack gap="sm">
          <Alert color="red" role="alert" title={t('targets.import.failedTitle')}>
            {upload.failure ?? t('targets.import.failedUnknown')}
          </Alert>
          <Group>
            <Button variant="default" onClick={() => setRemapping(true)}>
              {t('targets.import.remap')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <ImportOutcome org={org} upload={upload} onRemap={() => setRemapping(true)} />
      )}
      {(upload.status === 'applied' || upload.status === 'failed' || upload.status === 'uploaded') && (
        <Group>
          {upload.status === 'applied' && (
            <ButtonLink to={listTo} params={{ org }}>
              {t(`targets.import.openList.${upload.kind}`)}
            </ButtonLink>
          )}
          <Button variant="default" onClick={onRestart}>
            {t('targets.import.another')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
