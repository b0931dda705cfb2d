import { Grid, Paper, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Loading, LoadError } from '../../components/feedback';
import { Page } from '../../components/page';
import { Can } from '../../components/permissions';
import { useOrg } from '../../session/org';
import { RecentActivity } from '../audit/recent-activity';
import { campaignsQuery } from '../campaigns/campaign-queries';
import { petitionsQuery } from '../petitions/petition-queries';
import { organisationQuery } from '../settings/organisation-queries';
import { CampaignSummary } from './campaign-summary';
import { OpenPetitionCard } from './open-petition-card';
import { AnchorLink, ButtonLink } from '../../components/links';

/** How many open petitions the home screen follows live (each polls its count and its days). */
const OPEN_ON_HOME = 6;
const CAMPAIGNS_ON_HOME = 8;

/** An organisation at a glance: open petitions and how they grow, campaigns and their petitions, recent activity. */
export function HomeScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const organisation = useQuery(organisationQuery(org));
  const open = useQuery(petitionsQuery(org, { status: 'open', limit: OPEN_ON_HOME }));
  const campaigns = useQuery(campaignsQuery(org, { limit: CAMPAIGNS_ON_HOME }));

  const error = organisation.error ?? open.error ?? campaigns.error;
  if (error)
    return (
      <LoadError
        error={error}
        retry={() => void Promise.all([organisation.refetch(), open.refetch(), campaigns.refetch()])}
      />
    );
  if (!organisation.data || !open.data || !campaigns.data) return <Loading />;

  return (
    <Page title={organisation.data.name}>
      {campaigns.data.total === 0 ? (
        <EmptyState
          title={t('home.startTitle')}
          hint={t('home.startHint')}
          action={
            <Can permission="campaigns.manage">
              <ButtonLink to="/o/$org/campaigns/new" params={{ org }}>
                {t('campaigns.new')}
              </ButtonLink>
            </Can>
          }
        />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: can('audit.read') ? 8 : 12 }}>
            <Stack gap="lg">
              <section aria-labelledby="open-petitions">
                <Title order={2} size="h3" id="open-petitions" mb="sm">
                  {t('home.openPetitions')}
                </Title>
                {open.data.total === 0 ? (
                  <EmptyState title={t('home.noOpenTitle')} hint={t('home.noOpenHint')} />
                ) : (
                  <Stack gap="md">
                    {open.data.items.map((p) => (
                      <OpenPetitionCard key={p.id} org={org} petition={p} />
                    ))}
                    {open.data.total > OPEN_ON_HOME && (
                      <AnchorLink to="/o/$org/petitions" params={{ org }} search={{ status: 'open' }}>
                        {t('home.allOpen', { count: open.data.total })}
                      </AnchorLink>
                    )}
                  </Stack>
                )}
              </section>
              <section aria-labelledby="campaigns">
                <Title order={2} size="h3" id="campaigns" mb="sm">
                  {t('campaigns.title')}
                </Title>
                <Stack gap="md">
                  {campaigns.data.items.map((c) => (
                    <CampaignSummary key={c.id} org={org} campaign={c} />
                  ))}
                  {campaigns.data.total > CAMPAIGNS_ON_HOME && (
                    <AnchorLink to="/o/$org/campaigns" params={{ org }}>
                      {t('home.allCampaigns', { count: campaigns.data.total })}
                    </AnchorLink>
                  )}
                </Stack>
              </section>
            </Stack>
          </Grid.Col>
          {can('audit.read') && (
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Paper withBorder p="lg" component="section" aria-labelledby="activity">
                <Title order={2} size="h3" id="activity" mb="sm">
                  {t('home.activity')}
                </Title>
                <RecentActivity org={org} />
              </Paper>
            </Grid.Col>
          )}
        </Grid>
      )}
    </Page>
  );
}
