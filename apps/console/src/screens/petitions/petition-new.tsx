import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { EmptyState, Loading, notifySuccess } from '../../components/feedback';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { campaignsQuery } from '../campaigns/campaign-queries';
import { organisationQuery } from '../settings/organisation-queries';
import { PetitionForm } from './petition-form';
import { petitionKeys } from './petition-queries';
import { toCreateBody } from './petition-values';

/** A new petition starts as a draft: nothing is public until it is opened. */
export function PetitionNewScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const { campaignId } = useSearch({ from: '/authed/o/$org/petitions/new' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const campaigns = useQuery(campaignsQuery(org, { limit: 100 }));
  const organisation = useQuery(organisationQuery(org));

  if (!campaigns.data || !organisation.data) return <Loading />;
  if (campaigns.data.total === 0)
    return (
      <Page title={t('petitions.newTitle')}>
        <EmptyState title={t('petitions.needCampaignTitle')} hint={t('petitions.needCampaignHint')} />
      </Page>
    );

  const choices = campaigns.data.items.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Page title={t('petitions.newTitle')}>
      <PetitionForm
        mode="create"
        campaigns={choices}
        initial={{
          campaignId: campaignId ?? (choices.length === 1 ? (choices[0]?.value ?? '') : ''),
          slug: '',
          title: '',
          ask: '',
          targetDescription: '',
          goal: 1000,
          milestones: [],
          language: organisation.data.defaultLanguage,
          closesAt: null,
        }}
        submitLabel={t('petitions.createDraft')}
        onSubmit={(values) =>
          unwrap(
            api.POST('/api/orgs/{orgSlug}/petitions', {
              params: { path: { orgSlug: org } },
              body: toCreateBody(values),
            }),
          )
        }
        onSaved={(petition) => {
          void queryClient.invalidateQueries({ queryKey: petitionKeys(org) });
          notifySuccess(t('petitions.created', { title: petition.title }));
          void navigate({ to: '/o/$org/petitions/$petitionId', params: { org, petitionId: petition.id } });
        }}
        onCancel={() => window.history.back()}
      />
    </Page>
  );
}
