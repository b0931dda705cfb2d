import { Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { Loading, LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import { useOrg } from '../../session/org';
import { TargetAddresses } from './target-addresses';
import { TargetForm } from './target-form';
import type { Target } from './target-queries';
import { responsibilityKeys, targetKeys, targetQuery } from './target-queries';
import { TargetResponsibilities } from './target-responsibilities';
import { toUpdateBody, valuesOf } from './target-values';

/** One target: its details (edited in place), its addresses with their states, what it is responsible for. */
export function TargetEditScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const { targetId } = useParams({ from: '/authed/o/$org/targets/$targetId' });
  const queryClient = useQueryClient();
  const target = useQuery(targetQuery(org, targetId));
  const format = useFormat();

  if (target.error) return <LoadError error={target.error} retry={() => void target.refetch()} />;
  if (!target.data) return <Loading />;
  const x = target.data;
  const manage = can('targets.manage');
  return (
    <Page
      title={x.name}
      actions={
        <>
          {can('inbound.read') && (
            <ButtonLink variant="default" to="/o/$org/replies" params={{ org }} search={{ targetId }}>
              {t('targets.replies')}
            </ButtonLink>
          )}
          {can('responses.read') && (
            <ButtonLink variant="default" to="/o/$org/responses" params={{ org }} search={{ targetId }}>
              {t('targets.responses')}
            </ButtonLink>
          )}
          {manage && <DeleteTarget org={org} target={x} />}
        </>
      }
    >
      <Group gap="md">
        <AnchorLink to="/o/$org/targets" params={{ org }} size="sm">
          {t('targets.backToList')}
        </AnchorLink>
        <Text size="sm" c="dimmed">
          {t('targets.updatedOn', { date: format.dateTime(x.updatedAt) })}
        </Text>
      </Group>
      <Section title={t('targets.details')}>
        <TargetForm
          // A save answers the target as stored: the form restarts from it (trimmed texts, dropped repeats).
          key={x.updatedAt}
          mode="edit"
          readOnly={!manage}
          initial={valuesOf(x)}
          submitLabel={t('common.save')}
          onSubmit={(values) =>
            unwrap(
              api.PATCH('/api/orgs/{orgSlug}/targets/{targetId}', {
                params: { path: { orgSlug: org, targetId } },
                body: toUpdateBody(values),
              }),
            )
          }
          onSaved={(saved) => {
            queryClient.setQueryData(targetQuery(org, targetId).queryKey, saved);
            void queryClient.invalidateQueries({ queryKey: [...targetKeys(org), 'list'] });
            void queryClient.invalidateQueries({ queryKey: responsibilityKeys(org) });
            notifySuccess(t('common.saved'));
          }}
          onCancel={() => window.history.back()}
        />
      </Section>
      <Section title={t('targets.addressesTitle')}>
        <TargetAddresses org={org} target={x} manage={manage} />
      </Section>
      <Section title={t('targets.responsibilitiesTitle')}>
        <TargetResponsibilities org={org} target={x} />
      </Section>
    </Page>
  );
}

/** Deleting is for a mistaken entry; one with history is refused by the server, which says to deactivate it. */
function DeleteTarget({ org, target }: { org: string; target: Target }): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/targets/{targetId}', {
          params: { path: { orgSlug: org, targetId: target.id } },
        }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: targetQuery(org, target.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: targetKeys(org) });
      notifySuccess(t('targets.deleted', { name: target.name }));
      void navigate({ to: '/o/$org/targets', params: { org } });
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const ask = async (): Promise<void> => {
    const ok = await confirmAction({
      title: t('targets.deleteTitle'),
      message: t('targets.deleteMessage', { name: target.name }),
      confirmLabel: t('targets.delete'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate();
  };
  return (
    <Button color="red" variant="light" loading={remove.isPending} onClick={() => void ask()}>
      {t('targets.delete')}
    </Button>
  );
}
