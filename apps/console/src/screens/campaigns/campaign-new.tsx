import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifySuccess } from '../../components/feedback';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { CampaignForm } from './campaign-form';
import { campaignKeys } from './campaign-queries';

export function CampaignNewScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Page title={t('campaigns.newTitle')}>
      <CampaignForm
        initial={{ name: '', description: '' }}
        submitLabel={t('campaigns.create')}
        onSubmit={(body) =>
          unwrap(api.POST('/api/orgs/{orgSlug}/campaigns', { params: { path: { orgSlug: org } }, body }))
        }
        onSaved={(campaign) => {
          void queryClient.invalidateQueries({ queryKey: campaignKeys(org) });
          notifySuccess(t('campaigns.created', { name: campaign.name }));
          void navigate({ to: '/o/$org/campaigns/$campaignId', params: { org, campaignId: campaign.id } });
        }}
        onCancel={() => void navigate({ to: '/o/$org/campaigns', params: { org } })}
      />
    </Page>
  );
}
