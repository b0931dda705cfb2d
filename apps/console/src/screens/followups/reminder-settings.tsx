import { Button, Checkbox, Divider, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LoadError, notifyError, notifySuccess } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import { LANGUAGES, nativeName } from '../../i18n';
import { useOrg } from '../../session/org';
import { followUpKeys, preferenceQuery, settingsQuery } from './follow-up-queries';

/** "7, 3, 0" as the API's list; anything that is not a whole number is sent as is, for the server to name. */
const daysOf = (text: string): number[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);

/** The organisation's reminder rules (admins change them) and the member's own language and digest. */
export function ReminderSettings(): ReactNode {
  const { t } = useTranslation();
  const { org, can, me } = useOrg();
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery(org));
  const preference = useQuery({ ...preferenceQuery(org), enabled: me?.actor.kind === 'user' });
  const rules = useForm({ initialValues: { daysBefore: '', digest: true } });
  const own = useForm({ initialValues: { language: null as string | null, digest: false } });
  const { setValues: setRules } = rules;
  const { setValues: setOwn } = own;
  useEffect(() => {
    if (settings.data) setRules({ daysBefore: settings.data.daysBefore.join(', '), digest: settings.data.digest });
  }, [settings.data, setRules]);
  useEffect(() => {
    if (preference.data) setOwn({ language: preference.data.language, digest: preference.data.digest });
  }, [preference.data, setOwn]);

  const saveRules = useMutation({
    mutationFn: (v: typeof rules.values) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/follow-up-settings', {
          params: { path: { orgSlug: org } },
          body: { daysBefore: daysOf(v.daysBefore), digest: v.digest },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: followUpKeys(org) });
      notifySuccess(t('followups.rulesSaved'));
    },
    onError: (error) => {
      if (!showFieldErrors(rules, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  const saveOwn = useMutation({
    mutationFn: (v: typeof own.values) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/follow-up-preferences/me', {
          params: { path: { orgSlug: org } },
          body: { language: v.language as (typeof LANGUAGES)[number] | null, digest: v.digest },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: followUpKeys(org) });
      notifySuccess(t('followups.preferenceSaved'));
    },
    onError: (error) => {
      if (!showFieldErrors(own, error)) notifyError(error, t('common.saveFailed'));
    },
  });

  if (settings.error) return <LoadError error={settings.error} retry={() => void settings.refetch()} />;
  const admin = can('followups.settings');
  return (
    <Stack gap="md">
      <form onSubmit={rules.onSubmit((v) => saveRules.mutate(v))} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('followups.daysBefore')}
            description={t('followups.daysBeforeHint', {
              overdue: (settings.data?.overdueDays ?? []).join(', '),
            })}
            readOnly={!admin}
            {...rules.getInputProps('daysBefore')}
          />
          <Checkbox
            label={t('followups.digestAllowed')}
            disabled={!admin}
            {...rules.getInputProps('digest', { type: 'checkbox' })}
          />
          {admin && (
            <Group justify="flex-end">
              <Button type="submit" loading={saveRules.isPending}>
                {t('followups.saveRules')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      {me?.actor.kind === 'user' && (
        <>
          <Divider />
          <form onSubmit={own.onSubmit((v) => saveOwn.mutate(v))} noValidate>
            <Stack gap="sm">
              <Text size="sm" fw={500}>
                {t('followups.yourMail')}
              </Text>
              <Select
                label={t('followups.language')}
                description={t('followups.languageHint')}
                clearable
                data={LANGUAGES.map((l) => ({ value: l, label: nativeName(l) }))}
                {...own.getInputProps('language')}
              />
              {preference.data?.digestAvailable && (
                <Checkbox
                  label={t('followups.digest')}
                  description={t('followups.digestHint')}
                  {...own.getInputProps('digest', { type: 'checkbox' })}
                />
              )}
              <Group justify="flex-end">
                <Button type="submit" loading={saveOwn.isPending}>
                  {t('followups.savePreference')}
                </Button>
              </Group>
            </Stack>
          </form>
        </>
      )}
    </Stack>
  );
}
