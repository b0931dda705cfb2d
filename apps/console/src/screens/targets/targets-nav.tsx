import { Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/links';
import { useOrg } from '../../session/org';

/** The target directory's parts, one navigation entry for all of them: the router marks the current one. */
export function TargetsNav(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const link = { size: 'compact-sm', variant: 'subtle', activeProps: { variant: 'light' } } as const;
  return (
    <Group component="nav" aria-label={t('targets.nav.label')} gap="xs">
      <ButtonLink to="/o/$org/targets" params={{ org }} activeOptions={{ exact: true, includeSearch: false }} {...link}>
        {t('targets.nav.directory')}
      </ButtonLink>
      <ButtonLink to="/o/$org/targets/responsibilities" params={{ org }} {...link}>
        {t('targets.nav.responsibilities')}
      </ButtonLink>
      <ButtonLink to="/o/$org/targets/area-lookup" params={{ org }} {...link}>
        {t('targets.nav.areaLookup')}
      </ButtonLink>
      <ButtonLink to="/o/$org/targets/import" params={{ org }} {...link}>
        {t('targets.nav.imports')}
      </ButtonLink>
    </Group>
  );
}
