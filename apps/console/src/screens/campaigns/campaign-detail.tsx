import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { Loading, LoadError, notifySuccess } from '../../components/feedback';
import { Page } from '../../components/page';
import { Can } from '../../components/permissions';
import { useOrg } from '../../session/org';
import { PetitionTable } from '../petitions/petition-table';
import { CampaignLetters } from '../letters/campaign-letters';
import { CampaignRecommendations } from '../implementation/campaign-recommendations';
import { CampaignResponseRate } from '../scoreboard/campaign-response-rate';
import { CampaignForm } from './campaign-form';
import { campaignKeys, campaignQuery } from './campaign-queries';
import { ButtonLink } from '../../components/links';

/** One campaign: its details (editable by those who manage campaigns) and its petitions. */
export function CampaignDetailScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const { campaignId } = useParams({ from: '/authed/o/$org/campaigns/$campaignId' });
  const campaign = useQuery(campaignQuery(org, campaignId));
  const queryClient = useQueryClient();

  if (campaign.error) return <LoadError error={campaign.error} retry={() => void campaign.refetch()} />;
  if (!campaign.data) return <Loading />;
  const c = campaign.data;

  return (
    <Page
      title={c.name}
      actions={
        <>
          <Can permission="inbound.read">
            <ButtonLink variant="default" to="/o/$org/replies" params={{ org }} search={{ campaignId }}>
              {t('campaigns.replies')}
            </ButtonLink>
          </Can>
          <Can permission="responses.read">
            <ButtonLink variant="default" to="/o/$org/responses" params={{ org }} search={{ campaignId }}>
              {t('campaigns.responses')}
            </ButtonLink>
          </Can>
        </>
      }
    >
      <Paper withBorder p="lg">
        {can('campaigns.manage') ? (
          <CampaignForm
            key={c.updatedAt}
            initial={{ name: c.name, description: c.description }}
            submitLabel={t('common.save')}
            onSubmit={(body) =>
              unwrap(
                api.PATCH('/api/orgs/{orgSlug}/campaigns/{campaignId}', {
                  params: { path: { orgSlug: org, campaignId } },
                  body,
                }),
              )
            }
            onSaved={(saved) => {
              queryClient.setQueryData(campaignQuery(org, campaignId).queryKey, saved);
              void queryClient.invalidateQueries({ queryKey: campaignKeys(org) });
              notifySuccess(t('common.saved'));
            }}
          />
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{c.description || t('campaigns.noDescription')}</Text>
        )}
      </Paper>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('petitions.title')}
        </Title>
        <PetitionTable
          org={org}
          filters={{ campaignId }}
          emptyAction={
            <Can permission="petitions.manage">
              <ButtonLink to="/o/$org/petitions/new" params={{ org }} search={{ campaignId }}>
                {t('petitions.new')}
              </ButtonLink>
            </Can>
          }
        />
      </Stack>
      {can('scoreboard.read') && <CampaignResponseRate org={org} campaignId={campaignId} />}
      {can('implementation.read') && can('letters.read') && (
        <CampaignRecommendations org={org} campaignId={campaignId} />
      )}
      {can('letters.read') && <CampaignLetters org={org} campaignId={campaignId} />}
    </Page>
  );
}
