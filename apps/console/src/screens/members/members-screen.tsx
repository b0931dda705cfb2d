import { Button, Modal, Select, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/page';
import { ServerTable } from '../../components/server-table';
import { useSession } from '../../session/session';
import { useOrg } from '../../session/org';
import { InviteForm } from './invite-form';
import type { Invitation, Member, Role } from './member-queries';
import { membersQuery, pendingInvitationsQuery, ROLES } from './member-queries';

/** Who works in the organisation and with which role; admins invite, change roles and remove. */
export function MembersScreen(): ReactNode {
  const { t } = useTranslation();
  const { org, can } = useOrg();
  const search = useSearch({ from: '/authed/o/$org/members' });
  const navigate = useNavigate({ from: '/o/$org/members' });
  const [inviting, invite] = useDisclosure(false);
  const manage = can('members.manage');

  return (
    <Page title={t('members.title')} actions={manage && <Button onClick={invite.open}>{t('members.invite')}</Button>}>
      <MemberTable
        org={org}
        manage={manage}
        page={search.page ?? 1}
        onPage={(page) => void navigate({ search: { ...search, page } })}
      />
      {manage && (
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('members.pending')}
          </Title>
          <PendingInvitations
            org={org}
            page={search.invitations ?? 1}
            onPage={(invitations) => void navigate({ search: { ...search, invitations } })}
          />
        </Stack>
      )}
      <Modal
        opened={inviting}
        onClose={invite.close}
        title={t('members.invite')}
        closeButtonProps={{ 'aria-label': t('common.dismiss') }}
      >
        <InviteForm org={org} onDone={invite.close} />
      </Modal>
    </Page>
  );
}

function MemberTable({
  org,
  manage,
  page,
  onPage,
}: {
  org: string;
  manage: boolean;
  page: number;
  onPage: (p: number) => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery(org, page));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['org', org, 'members'] });
  const onError = (error: unknown) => notifyError(error, t('common.saveFailed'));
  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) =>
      unwrap(
        api.PATCH('/api/orgs/{orgSlug}/members/{memberId}', {
          params: { path: { orgSlug: org, memberId: member.id } },
          body: { role },
        }),
      ),
    onSuccess: (m) => {
      refresh();
      notifySuccess(t('members.roleChanged', { name: m.name, role: t(`shared:role.${m.role}`) }));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (member: Member) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/members/{memberId}', {
          params: { path: { orgSlug: org, memberId: member.id } },
        }),
      ),
    onSuccess: (_, m) => {
      refresh();
      notifySuccess(t('members.removed', { name: m.name }));
    },
    onError,
  });

  const askRole = async (member: Member, role: Role): Promise<void> => {
    if (role === member.role) return;
    const ok = await confirmAction({
      title: t('members.changeRoleTitle'),
      message: t('members.changeRoleMessage', { name: member.name, role: t(`shared:role.${role}`) }),
      confirmLabel: t('members.changeRole'),
      cancelLabel: t('common.cancel'),
    });
    if (ok) changeRole.mutate({ member, role });
  };
  const askRemove = async (member: Member): Promise<void> => {
    const ok = await confirmAction({
      title: t('members.removeTitle'),
      message: t('members.removeMessage', { name: member.name }),
      confirmLabel: t('members.remove'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) remove.mutate(member);
  };

  if (members.error) return <LoadError error={members.error} retry={() => void members.refetch()} />;
  return (
    <ServerTable<Member>
      label={t('members.title')}
      data={members.data}
      fetching={members.isFetching}
      page={page}
      onPageChange={onPage}
      columns={[
        { accessor: 'name', title: t('members.name') },
        { accessor: 'email', title: t('members.email') },
        {
          accessor: 'role',
          title: t('members.role'),
          width: 200,
          render: (m) =>
            manage && m.userId !== session?.userId ? (
              <Select
                aria-label={t('members.roleOf', { name: m.name })}
                size="xs"
                data={ROLES.map((r) => ({ value: r, label: t(`shared:role.${r}`) }))}
                value={m.role}
                allowDeselect={false}
                onChange={(role) => role && void askRole(m, role as Role)}
              />
            ) : (
              t(`shared:role.${m.role}`)
            ),
        },
        { accessor: 'joinedAt', title: t('members.joined'), render: (m) => format.date(m.joinedAt), width: 150 },
        ...(manage
          ? [
              {
                accessor: 'actions',
                title: <span className="rally-visually-hidden">{t('common.actions')}</span>,
                width: 120,
                render: (m: Member) =>
                  m.userId === session?.userId ? null : (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => void askRemove(m)}
                      aria-label={t('members.removeNamed', { name: m.name })}
                    >
                      {t('members.remove')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

function PendingInvitations({
  org,
  page,
  onPage,
}: {
  org: string;
  page: number;
  onPage: (p: number) => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const invitations = useQuery(pendingInvitationsQuery(org, page));
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/invitations/{invitationId}/revoke', {
          params: { path: { orgSlug: org, invitationId: invitation.id } },
        }),
      ),
    onSuccess: (i) => {
      void queryClient.invalidateQueries({ queryKey: ['org', org, 'invitations'] });
      notifySuccess(t('members.revoked', { email: i.email }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askRevoke = async (invitation: Invitation): Promise<void> => {
    const ok = await confirmAction({
      title: t('members.revokeTitle'),
      message: t('members.revokeMessage', { email: invitation.email }),
      confirmLabel: t('members.revoke'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (ok) revoke.mutate(invitation);
  };
  if (invitations.error) return <LoadError error={invitations.error} retry={() => void invitations.refetch()} />;
  return (
    <ServerTable<Invitation>
      label={t('members.pending')}
      data={invitations.data}
      fetching={invitations.isFetching}
      page={page}
      onPageChange={onPage}
      noRecordsText={t('members.noPending')}
      columns={[
        { accessor: 'email', title: t('members.email') },
        { accessor: 'role', title: t('members.role'), render: (i) => t(`shared:role.${i.role}`), width: 160 },
        { accessor: 'createdAt', title: t('members.invitedOn'), render: (i) => format.date(i.createdAt), width: 150 },
        { accessor: 'expiresAt', title: t('members.expires'), render: (i) => format.date(i.expiresAt), width: 150 },
        {
          accessor: 'actions',
          title: <span className="rally-visually-hidden">{t('common.actions')}</span>,
          width: 120,
          render: (i) => (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => void askRevoke(i)}
              aria-label={t('members.revokeNamed', { email: i.email })}
            >
              {t('members.revoke')}
            </Button>
          ),
        },
      ]}
    />
  );
}
