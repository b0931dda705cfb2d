import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/feedback';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/page';
import { useOrg } from '../../session/org';
import { MailingEditor } from './mailing-editor';
import { mailingQuery } from './mailing-queries';
import { MailingRuns } from './mailing-runs';
import { MailingSchedulePanel } from './mailing-schedule';
import { MailingStatusBadge } from './mailings-screen';

/** One mailing: its words and audience (campaigners and admins), when it goes (admins), and its runs. */
export function MailingScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const { mailingId } = useParams({ from: '/authed/o/$org/mailings/$mailingId' });
  const mailing = useQuery(mailingQuery(org, mailingId));
  if (mailing.error) return <LoadError error={mailing.error} retry={() => void mailing.refetch()} />;
  if (!mailing.data) return <Loading />;
  const m = mailing.data;
  return (
    <Page title={m.name} actions={<MailingStatusBadge status={m.status} />}>
      <AnchorLink size="sm" to="/o/$org/mailings" params={{ org }}>
        {t('mailings.back')}
      </AnchorLink>
      <Stack gap="lg">
        {can('mailings.send') && <MailingSchedulePanel key={`schedule-${m.version}`} org={org} mailing={m} />}
        <MailingRuns org={org} mailingId={m.id} timeZone={m.timeZone} />
        {can('mailings.manage') ? (
          <MailingEditor key={`editor-${m.version}`} org={org} mailing={m} onSaved={() => undefined} />
        ) : (
          <Group>
            <Text size="sm" c="dimmed">
              {t('mailings.readOnly')}
            </Text>
          </Group>
        )}
      </Stack>
    </Page>
  );
}

/** A new mailing: the editor; once saved, its own page (schedule, preview, test send). */
export function MailingNewScreen(): ReactNode {
  const { t } = useTranslation();
  const { org } = useOrg();
  const navigate = useNavigate();
  return (
    <Page title={t('mailings.newTitle')}>
      <MailingEditor
        org={org}
        mailing={null}
        onSaved={(saved) => void navigate({ to: '/o/$org/mailings/$mailingId', params: { org, mailingId: saved.id } })}
      />
    </Page>
  );
}
