import { Button, Group, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError } from '../../components/feedback';
import { showFieldErrors } from '../../components/forms';
import type { MissingPolicy, TargetImport } from './import-queries';
import { importQuery, initialMapping, mappingToSend, MISSING_POLICIES } from './import-queries';

const NOT_IMPORTED = '';

/**
 * Step 2: which column of the file fills which Rally field (pre-filled from the column names), and what happens to
 * entries the file does not mention. "Check" runs the dry run: nothing is written yet.
 */
export function ImportMapping({
  org,
  upload,
  onCancel,
  onChecked,
}: {
  org: string;
  upload: TargetImport;
  onCancel?: () => void;
  onChecked: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{ mapping: Record<string, string>; missing: MissingPolicy }>({
    initialValues: { mapping: initialMapping(upload.fields, upload.mapping), missing: upload.missing },
    // Keyed like the server's messages (`mapping.emails`), so both land on the field's select.
    validate: (values) =>
      Object.fromEntries(
        upload.fields
          .filter((f) => f.required && !values.mapping[f.name])
          .map((f) => [`mapping.${f.name}`, t('targets.import.requiredUnmapped')]),
      ),
  });
  const check = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/target-imports/{importId}/check', {
          params: { path: { orgSlug: org, importId: upload.id } },
          body: { mapping: mappingToSend(v.mapping), missing: v.missing },
        }),
      ),
    onSuccess: (queued) => {
      queryClient.setQueryData(importQuery(org, upload.id).queryKey, queued);
      onChecked();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) notifyError(error, t('common.saveFailed'));
    },
  });
  const columns = upload.columns.map((c) => ({ value: c, label: c }));
  const mappedTwice = (column: string): boolean =>
    column !== NOT_IMPORTED && Object.values(form.values.mapping).filter((c) => c === column).length > 1;

  return (
    <form onSubmit={form.onSubmit((v) => check.mutate(v))} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('targets.import.mappingHint', { count: upload.columns.length })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {upload.fields.map((f) => {
            const column = form.values.mapping[f.name] ?? NOT_IMPORTED;
            return (
              <Select
                key={f.name}
                label={t(`targets.import.field.${f.name}`, { defaultValue: f.column })}
                description={
                  mappedTwice(column)
                    ? t('targets.import.usedTwice')
                    : t('targets.import.csvColumn', { column: f.column })
                }
                required={f.required}
                data={
                  f.required ? columns : [{ value: NOT_IMPORTED, label: t('targets.import.notImported') }, ...columns]
                }
                value={f.required && column === NOT_IMPORTED ? null : column}
                onChange={(v) => form.setFieldValue(`mapping.${f.name}`, v ?? NOT_IMPORTED)}
                allowDeselect={false}
                error={form.errors[`mapping.${f.name}`]}
              />
            );
          })}
        </SimpleGrid>
        <Radio.Group
          label={t('targets.import.missingLabel')}
          description={t(`targets.import.missingHint.${upload.kind}`)}
          {...form.getInputProps('missing')}
        >
          <Stack gap="xs" mt="xs">
            {MISSING_POLICIES[upload.kind].map((policy) => (
              <Radio
                key={policy}
                value={policy}
                label={t(`targets.import.missing.${policy}`)}
                description={t(`targets.import.missingExplained.${upload.kind}.${policy}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group>
          <Button type="submit" loading={check.isPending}>
            {t('targets.import.check')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
