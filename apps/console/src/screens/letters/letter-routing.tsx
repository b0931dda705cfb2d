import { Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../components/feedback';
import { useSavingForm } from '../../components/forms';
import type { LetterAction } from './letter-queries';
import { letterActionQuery, patchLetterAction } from './letter-queries';
import { RoutingFields } from './routing-fields';
import type { RoutingValues } from './routing-values';
import { routingProblems, routingValuesOf, toRoutingDto } from './routing-values';

/** Who the action's letters go to; the server refuses a list with another organisation's targets, naming the field. */
export function LetterRouting({
  org,
  action,
  editable,
}: {
  org: string;
  action: LetterAction;
  editable: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ routing: RoutingValues }>({
    initialValues: { routing: routingValuesOf(action.routing) },
    validate: (v) => Object.fromEntries(Object.entries(routingProblems(v.routing)).map(([k, key]) => [k, t(key)])),
  });
  const submit = useSavingForm(
    form,
    (v) => patchLetterAction(org, action.id, { routing: toRoutingDto(v.routing) }),
    (saved) => {
      queryClient.setQueryData(letterActionQuery(org, action.id).queryKey, saved);
      notifySuccess(t('common.saved'));
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={820}>
        <Paper withBorder p="lg">
          <RoutingFields org={org} form={form} disabled={!editable} />
        </Paper>
        {editable && (
          <Group>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t('letters.routing.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
