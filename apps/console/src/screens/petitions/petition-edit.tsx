import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { Loading, LoadError, notifySuccess } from '../../components/feedback';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { PetitionForm } from './petition-form';
import { petitionKeys, petitionQuery } from './petition-queries';
import { toUpdateBody, valuesOf } from './petition-values';

export function PetitionEditScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const { petitionId } = useParams({ from: '/authed/o/$org/petitions/$petitionId/edit' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const petition = useQuery(petitionQuery(org, petitionId));
  const back = () => void navigate({ to: '/o/$org/petitions/$petitionId', params: { org, petitionId } });

  if (petition.error) return <LoadError error={petition.error} retry={() => void petition.refetch()} />;
  if (!petition.data) return <Loading />;
  return (
    <Page title={t('petitions.editTitle', { title: petition.data.title })}>
      <PetitionForm
        mode="edit"
        campaigns={[]}
        initial={valuesOf(petition.data)}
        submitLabel={t('common.save')}
        onSubmit={(values) =>
          unwrap(
            api.PATCH('/api/orgs/{orgSlug}/petitions/{petitionId}', {
              params: { path: { orgSlug: org, petitionId } },
              body: toUpdateBody(values),
            }),
          )
        }
        onSaved={(saved) => {
          queryClient.setQueryData(petitionQuery(org, petitionId).queryKey, saved);
          void queryClient.invalidateQueries({ queryKey: petitionKeys(org) });
          notifySuccess(t('common.saved'));
          back();
        }}
        onCancel={back}
      />
    </Page>
  );
}
