import { Button, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, LoadError } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import { useOrg } from '../../session/org';
import { PaperSignatures } from './paper-signatures';
import { PetitionBreakdown } from './petition-breakdown';
import { PetitionLifecycle } from './petition-lifecycle';
import type { Petition } from './petition-queries';
import { LIVE_COUNT_MS, petitionCountsQuery, petitionQuery } from './petition-queries';
import { PetitionShare } from './petition-share';
import { GoalProgress, PetitionStatusBadge } from './petition-status';
import { SignaturesPerDay } from './signatures-per-day';
import { AnchorLink, ButtonLink } from '../../components/links';

/** One petition: its live count, where signatures come from, sharing, paper signatures, its lifecycle and export. */
export function PetitionDetailScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const { petitionId } = useParams({ from: '/authed/o/$org/petitions/$petitionId' });
  const search = useSearch({ from: '/authed/o/$org/petitions/$petitionId' });
  const navigate = useNavigate({ from: '/o/$org/petitions/$petitionId' });
  // Only an open petition gains online signatures, so only then is the count re-read while the screen is shown.
  const petition = useQuery({
    ...petitionQuery(org, petitionId),
    refetchInterval: (query) => (query.state.data?.status === 'open' ? LIVE_COUNT_MS : false),
  });
  const live = petition.data?.status === 'open' ? LIVE_COUNT_MS : undefined;
  const report = useQuery({ ...petitionCountsQuery(org, petitionId), refetchInterval: live });
  const format = useFormat();

  if (petition.error) return <LoadError error={petition.error} retry={() => void petition.refetch()} />;
  if (!petition.data) return <Loading />;
  const p = petition.data;
  const manage = can('petitions.manage');

  return (
    <Page
      title={p.title}
      actions={
        <>
          {manage && p.status !== 'delivered' && (
            <ButtonLink variant="default" to="/o/$org/petitions/$petitionId/edit" params={{ org, petitionId }}>
              {t('common.edit')}
            </ButtonLink>
          )}
          {can('signatures.export') && (
            <Button
              variant="default"
              component="a"
              href={`/api/orgs/${encodeURIComponent(org)}/petitions/${encodeURIComponent(petitionId)}/signatures.csv`}
              download={`${p.slug}-signatures.csv`}
            >
              {t('petitions.exportCsv')}
            </Button>
          )}
          {manage && <PetitionLifecycle org={org} petition={p} />}
        </>
      }
    >
      <Group gap="sm">
        <PetitionStatusBadge status={p.status} />
        <Text size="sm" c="dimmed">
          {statusLine(p, t, format.dateTime)}
        </Text>
        <AnchorLink to="/o/$org/campaigns/$campaignId" params={{ org, campaignId: p.campaignId }} size="sm">
          {t('petitions.viewCampaign')}
        </AnchorLink>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('petitions.liveCount')} live>
          <GoalProgress count={p.counts.total} goal={p.goal} size="lg" />
          <Text size="sm" c="dimmed">
            {t('petitions.split', { online: format.number(p.counts.online), paper: format.number(p.counts.paper) })}
          </Text>
          {p.milestones.length > 0 && (
            <Text size="sm">
              {t('petitions.milestonesLine', { list: p.milestones.map((m) => format.number(m)).join(' · ') })}
            </Text>
          )}
        </Section>
        <Paper withBorder p="lg">
          <SignaturesPerDay
            org={org}
            petitionId={petitionId}
            days={search.days ?? 30}
            onDaysChange={(days) => void navigate({ search: { ...search, days }, replace: true })}
            refetchInterval={live ? LIVE_COUNT_MS * 6 : undefined}
          />
        </Paper>
      </SimpleGrid>

      <Section title={t('petitions.whereFrom')}>
        {report.error ? (
          <LoadError error={report.error} />
        ) : report.data ? (
          <PetitionBreakdown report={report.data} />
        ) : (
          <Loading />
        )}
      </Section>

      <Section title={t('petitions.share.title')}>
        <PetitionShare petition={p} />
      </Section>

      <Section title={t('petitions.paper.title')}>
        <PaperSignatures org={org} petitionId={petitionId} canAdd={manage} />
      </Section>

      <Section title={t('petitions.text')}>
        {p.targetDescription && (
          <Text size="sm" c="dimmed">
            {t('petitions.addressedTo', { target: p.targetDescription })}
          </Text>
        )}
        <Text style={{ whiteSpace: 'pre-wrap' }}>{p.ask}</Text>
      </Section>
    </Page>
  );
}

function statusLine(
  p: Petition,
  t: (key: string, options?: Record<string, unknown>) => string,
  dateTime: (iso: string | null) => string,
): string {
  if (p.status === 'delivered') return t('petitions.deliveredOn', { date: dateTime(p.deliveredAt) });
  if (p.status === 'closed') return t('petitions.closedOn', { date: dateTime(p.closedAt) });
  if (p.status === 'open')
    return p.closesAt
      ? t('petitions.openUntil', { date: dateTime(p.closesAt) })
      : t('petitions.openSince', { date: dateTime(p.openedAt) });
  return t('petitions.draftNote');
}
