import { Alert, Box, Button, Group, Loader, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { LoadError } from '../../components/feedback';
import { letterKeys } from './letter-queries';
import { useTargetChoices } from './target-choices';

/** A pause in typing this long sends the text for a preview: one request per pause, not per key. */
const PREVIEW_DEBOUNCE_MS = 400;
const SAMPLE = 'sample';

export interface TemplateText {
  subjects: string[];
  body: string;
}

type Problem = Schemas['TemplateProblemResponse'];

/** "body", "subjects.2" or "subjects" in the words of the editor's own labels. */
export function useProblemField(): (field: string) => string {
  const { t } = useTranslation();
  return (field) => {
    const subject = /^subjects\.(\d+)$/.exec(field);
    if (subject) return t('letters.editor.subject', { n: Number(subject[1]) + 1 });
    return field === 'subjects' ? t('letters.editor.subjects') : t('letters.editor.body');
  };
}

/**
 * The letter as the server renders it, from the editor's unsaved text: the problems with their line and column while
 * the template does not pass, else the subject and the text (or the HTML part, in a sandboxed frame that runs nothing),
 * for sample data or one of the organisation's targets.
 */
export function TemplatePreview({
  org,
  actionId,
  language,
  template,
}: {
  org: string;
  actionId: string;
  language: string;
  template: TemplateText;
}): ReactNode {
  const { t } = useTranslation();
  const fieldName = useProblemField();
  const [target, setTarget] = useState<string>(SAMPLE);
  const [subjectIndex, setSubjectIndex] = useState(0);
  const [format, setFormat] = useState<'text' | 'html'>('text');
  const targets = useTargetChoices(org, [t('letters.preview.sampleData')]);
  const [text] = useDebouncedValue(template, PREVIEW_DEBOUNCE_MS);
  const writable = text.body.trim().length > 0 && text.subjects.length > 0;
  const index = Math.min(subjectIndex, Math.max(0, text.subjects.length - 1));
  const preview = useQuery({
    queryKey: [...letterKeys(org), 'action', actionId, 'preview', language, target, index, text],
    queryFn: () =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/letter-actions/{actionId}/preview', {
          params: { path: { orgSlug: org, actionId } },
          body: {
            language: language as Schemas['Language'],
            ...(target !== SAMPLE ? { targetId: target } : {}),
            template: text,
            subjectIndex: index,
          },
        }),
      ),
    enabled: writable,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const result = preview.data;
  const count = result?.subjectCount ?? text.subjects.length;
  const languageName = result ? t(`shared:language.${result.language}`) : '';

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Title order={3} size="h5">
          {t('letters.preview.title')}
        </Title>
        {preview.isFetching && <Loader size="xs" aria-label={t('letters.preview.updating')} />}
      </Group>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={t('letters.preview.for')}
          data={[{ value: SAMPLE, label: t('letters.preview.sampleData') }, ...targets.choices]}
          value={target}
          onChange={(v) => setTarget(v ?? SAMPLE)}
          searchable
          allowDeselect={false}
          searchValue={targets.search}
          onSearchChange={targets.onSearchChange}
          w={280}
        />
        <SegmentedControl
          aria-label={t('letters.preview.format')}
          value={format}
          onChange={(v) => setFormat(v === 'html' ? 'html' : 'text')}
          data={[
            { value: 'text', label: t('letters.preview.text') },
            { value: 'html', label: t('letters.preview.html') },
          ]}
        />
      </Group>
      <div aria-live="polite">
        {!writable ? (
          <Text size="sm" c="dimmed">
            {t('letters.preview.needText')}
          </Text>
        ) : preview.error ? (
          <LoadError error={preview.error} retry={() => void preview.refetch()} />
        ) : result && result.problems.length > 0 ? (
          <Alert color="red" title={t('letters.preview.problems', { count: result.problems.length })}>
            <Stack gap={4} component="ul" style={{ margin: 0, paddingInlineStart: '1.2em' }}>
              {result.problems.map((p: Problem, i) => (
                <Text component="li" size="sm" key={i} data-testid="template-problem">
                  {t('letters.preview.problem', {
                    line: p.line,
                    column: p.column,
                    field: fieldName(p.field),
                    message: p.message,
                  })}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : result ? (
          <Text size="sm" c="dimmed">
            {result.targetName
              ? t('letters.preview.forTarget', { name: result.targetName, language: languageName })
              : t('letters.preview.forSample', { language: languageName })}
          </Text>
        ) : null}
      </div>
      {writable && result && result.problems.length === 0 && result.text !== null && (
        <Stack gap="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600} data-testid="preview-subject">
              {t('letters.preview.subject', { subject: result.subject ?? '' })}
            </Text>
            {count > 1 && (
              <Button
                size="compact-sm"
                variant="default"
                style={{ flexShrink: 0 }}
                onClick={() => setSubjectIndex((index + 1) % count)}
              >
                {t('letters.preview.nextSubject', { n: index + 1, count })}
              </Button>
            )}
          </Group>
          {format === 'text' ? (
            <Box
              component="pre"
              data-testid="preview-text"
              p="sm"
              style={{
                whiteSpace: 'pre-wrap',
                fontFamily: 'var(--mantine-font-family-monospace)',
                fontSize: 'var(--mantine-font-size-sm)',
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-md)',
                margin: 0,
              }}
            >
              {result.text}
            </Box>
          ) : (
            // The HTML part as a ministry's mail program shows it; sandbox="" runs no script and loads nothing.
            <iframe
              title={t('letters.preview.htmlFrame')}
              sandbox=""
              srcDoc={result.html ?? ''}
              style={{
                width: '100%',
                minHeight: 420,
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-md)',
                background: 'white',
              }}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
