import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A link that backs something up, and what it supports: the shape every evidence list in the API takes. */
export interface EvidenceLink {
  url: string;
  supports: string;
}

/** The links as the API wants them: trimmed. */
export const trimmedEvidence = (links: EvidenceLink[]): EvidenceLink[] =>
  links.map((e) => ({ url: e.url.trim(), supports: e.supports.trim() }));

/**
 * The editable list of evidence links of a form whose values hold `evidence`: a link and what it supports per row,
 * removable, and a button to add one. `area` is the texts' namespace (recommendations, implementation, responses:
 * each screen's lazily loaded catalogue), which has evidence, evidenceUrl, evidenceSupports, evidenceRemove and
 * evidenceAdd; server errors on `evidence.N.url` show beside their input.
 */
export function EvidenceLinksField<V extends { evidence: EvidenceLink[] }>({
  form,
  area,
  supportsMaxLength,
}: {
  form: UseFormReturnType<V>;
  area: string;
  supportsMaxLength?: number;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t(`${area}.evidence`)}
      </Text>
      {form.values.evidence.map((_, i) => (
        <Group key={i} align="flex-start" wrap="nowrap">
          <TextInput
            label={t(`${area}.evidenceUrl`, { n: i + 1 })}
            type="url"
            flex={1}
            {...form.getInputProps(`evidence.${i}.url`)}
          />
          <TextInput
            label={t(`${area}.evidenceSupports`, { n: i + 1 })}
            flex={1}
            maxLength={supportsMaxLength}
            {...form.getInputProps(`evidence.${i}.supports`)}
          />
          <ActionIcon
            mt={26}
            variant="default"
            aria-label={t(`${area}.evidenceRemove`, { n: i + 1 })}
            onClick={() => form.removeListItem('evidence', i)}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="compact-sm"
          variant="default"
          // Mantine types a list item from the form's own value type; every form here holds EvidenceLink rows.
          onClick={() => form.insertListItem('evidence', { url: '', supports: '' } satisfies EvidenceLink as never)}
        >
          {t(`${area}.evidenceAdd`)}
        </Button>
      </Group>
    </Stack>
  );
}
