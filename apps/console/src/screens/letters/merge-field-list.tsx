import { Badge, Button, Code, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/feedback';
import { mergeFieldsQuery } from './letter-queries';
import { mergeToken } from './insert-text';

/** The block an editable letter needs around the part supporters may rewrite. */
export const EDITABLE_BLOCK = '{{#editable}}\n\n{{/editable}}';

/**
 * The merge fields the server knows, each with what it means and its sample value; pressing one inserts it at the
 * caret of the field last edited (a subject line only takes the fields allowed there).
 */
export function MergeFieldList({
  org,
  editable,
  letterEditable,
  onInsert,
}: {
  org: string;
  editable: boolean;
  letterEditable: boolean;
  onInsert: (token: string, inSubject: boolean) => void;
}): ReactNode {
  const { t } = useTranslation();
  const fields = useQuery(mergeFieldsQuery(org));
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('letters.editor.mergeFields')}
      </Title>
      <Text size="sm" c="dimmed">
        {editable ? t('letters.editor.mergeFieldsHint') : t('letters.editor.mergeFieldsReadOnly')}
      </Text>
      {fields.error ? (
        <LoadError error={fields.error} retry={() => void fields.refetch()} />
      ) : !fields.data ? (
        <Loading />
      ) : (
        <ScrollArea.Autosize mah={320} type="auto">
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {letterEditable && editable && (
              <li>
                <Button size="compact-sm" variant="light" onClick={() => onInsert(EDITABLE_BLOCK, false)}>
                  {t('letters.editor.insertEditable', { block: '{{#editable}}' })}
                </Button>
              </li>
            )}
            {fields.data.map((f) => (
              <Group component="li" key={f.path} gap="xs" wrap="nowrap" align="flex-start">
                {editable ? (
                  <Button
                    size="compact-sm"
                    variant="light"
                    ff="monospace"
                    style={{ flexShrink: 0 }}
                    aria-label={t('letters.editor.insert', { field: f.path })}
                    onClick={() => onInsert(mergeToken(f.path), f.inSubject)}
                  >
                    {f.path}
                  </Button>
                ) : (
                  <Code style={{ flexShrink: 0 }}>{f.path}</Code>
                )}
                <Text size="xs">
                  {f.description}
                  {f.sample && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      {t('letters.editor.sample', { sample: f.sample })}
                    </Text>
                  )}
                  {f.inSubject && (
                    <Badge size="xs" variant="light" color="gray" ml={6}>
                      {t('letters.editor.inSubject')}
                    </Badge>
                  )}
                </Text>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
