import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { Loading, LoadError, notifySuccess } from '../../components/feedback';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { organisationQuery } from '../settings/organisation-queries';
import { TargetForm } from './target-form';
import { targetKeys } from './target-queries';
import { emptyTarget, toCreateBody } from './target-values';

/** A new target starts in the organisation's country and language, the usual case for a national directory. */
export function TargetNewScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisation = useQuery(organisationQuery(org));

  if (organisation.error) return <LoadError error={organisation.error} retry={() => void organisation.refetch()} />;
  if (!organisation.data) return <Loading />;
  return (
    <Page title={t('targets.newTitle')}>
      <TargetForm
        mode="create"
        initial={emptyTarget(organisation.data.country, organisation.data.defaultLanguage)}
        submitLabel={t('targets.create')}
        onSubmit={(values) =>
          unwrap(
            api.POST('/api/orgs/{orgSlug}/targets', { params: { path: { orgSlug: org } }, body: toCreateBody(values) }),
          )
        }
        onSaved={(target) => {
          void queryClient.invalidateQueries({ queryKey: targetKeys(org) });
          notifySuccess(t('targets.created', { name: target.name }));
          void navigate({ to: '/o/$org/targets/$targetId', params: { org, targetId: target.id } });
        }}
        onCancel={() => void navigate({ to: '/o/$org/targets', params: { org } })}
      />
    </Page>
  );
}
