import { Button, CloseButton, Grid, Group, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { FocusEvent, ReactNode } from 'react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifySuccess } from '../../components/feedback';
import { useSavingForm } from '../../components/forms';
import type { LetterAction } from './letter-queries';
import { letterActionQuery, letterKeys } from './letter-queries';
import { insertAt } from './insert-text';
import { MergeFieldList } from './merge-field-list';
import type { TemplateText } from './template-preview';
import { TemplatePreview } from './template-preview';

/** The API's bounds on a template: 1 to 10 subject lines of at most 300 characters, a body of at most 20,000. */
const MAX_SUBJECTS = 10;
const SUBJECT_CHARS = 300;
const BODY_CHARS = 20_000;

type Field = { kind: 'body' } | { kind: 'subject'; index: number };

/**
 * One language's letter: its subject lines and body beside the live preview. Saving sends it to the server, which
 * refuses a template that does not pass with the line and column of each problem, shown on its field.
 */
export function TemplateEditor({
  org,
  action,
  language,
  initial,
  editable,
  isNew,
  onDirtyChange,
}: {
  org: string;
  action: LetterAction;
  language: string;
  initial: TemplateText;
  editable: boolean;
  /** Not saved yet: saving is offered before any change (a new language starts as a copy). */
  isNew: boolean;
  onDirtyChange: (dirty: boolean) => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<TemplateText>({
    initialValues: initial,
    // Each subject line's message goes on that line (the server names them subjects.0, subjects.1, ...).
    validate: (v) => ({
      body: v.body.trim() ? null : t('shared:errors.required'),
      ...Object.fromEntries(v.subjects.map((s, i) => [`subjects.${i}`, s.trim() ? null : t('shared:errors.required')])),
    }),
  });
  const dirty = form.isDirty();
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  const baseId = useId();
  const idOf = (path: string): string => `${baseId}-${path.replace('.', '-')}`;
  const [lastField, setLastField] = useState<Field>({ kind: 'body' });
  const submit = useSavingForm(
    form,
    (values) =>
      unwrap(
        api.PUT('/api/orgs/{orgSlug}/letter-actions/{actionId}/templates/{language}', {
          params: { path: { orgSlug: org, actionId: action.id, language: language as Schemas['Language'] } },
          body: { subjects: values.subjects.map((s) => s.trim()), body: values.body },
        }),
      ),
    () => {
      void queryClient.invalidateQueries({ queryKey: letterActionQuery(org, action.id).queryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: [...letterKeys(org), 'actions'] });
      notifySuccess(t('letters.editor.saved', { language: t(`shared:language.${language}`) }));
    },
  );
  const values = form.getValues();

  const insert = (token: string, inSubject: boolean): void => {
    // A subject line only takes the fields allowed in subjects; anything else goes to the body.
    const target: Field = lastField.kind === 'subject' && inSubject ? lastField : { kind: 'body' };
    const path = target.kind === 'body' ? 'body' : `subjects.${target.index}`;
    const element = document.getElementById(idOf(path)) as HTMLInputElement | HTMLTextAreaElement | null;
    const current = target.kind === 'body' ? values.body : (values.subjects[target.index] ?? '');
    const next = insertAt(current, token, element?.selectionStart ?? null, element?.selectionEnd ?? null);
    form.setFieldValue(path, next.value);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  };
  // The field's own props and id, noting it as where the next merge field goes when it gets the focus.
  const fieldProps = (path: string, field: Field) => {
    const props = form.getInputProps(path);
    return {
      ...props,
      id: idOf(path),
      onFocus: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
        setLastField(field);
        props.onFocus?.(event);
      },
    };
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Stack gap="xs" role="group" aria-label={t('letters.editor.subjects')}>
              {values.subjects.map((_, i) => (
                <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t('letters.editor.subject', { n: i + 1 })}
                    description={i === 0 ? t('letters.editor.subjectsHint') : undefined}
                    required={i === 0}
                    maxLength={SUBJECT_CHARS}
                    readOnly={!editable}
                    style={{ flex: 1 }}
                    {...fieldProps(`subjects.${i}`, { kind: 'subject', index: i })}
                  />
                  {editable && values.subjects.length > 1 && (
                    <CloseButton
                      size="lg"
                      mb={form.errors[`subjects.${i}`] ? 24 : 2}
                      aria-label={t('letters.editor.removeSubject', { n: i + 1 })}
                      onClick={() => form.removeListItem('subjects', i)}
                    />
                  )}
                </Group>
              ))}
              {editable && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  w="fit-content"
                  disabled={values.subjects.length >= MAX_SUBJECTS}
                  onClick={() => form.insertListItem('subjects', '')}
                >
                  {t('letters.editor.addSubject', { max: MAX_SUBJECTS })}
                </Button>
              )}
            </Stack>
            <Textarea
              label={t('letters.editor.body')}
              description={t('letters.editor.bodyHint')}
              required
              autosize
              minRows={14}
              maxRows={40}
              maxLength={BODY_CHARS}
              readOnly={!editable}
              spellCheck
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...fieldProps('body', { kind: 'body' })}
            />
            {editable && (
              <Group>
                <Button type="submit" loading={form.submitting} disabled={!dirty && !isNew}>
                  {t('letters.editor.save')}
                </Button>
                {dirty && (
                  <Button variant="default" onClick={() => form.reset()}>
                    {t('letters.editor.discard')}
                  </Button>
                )}
              </Group>
            )}
            <Paper withBorder p="md">
              <MergeFieldList org={org} editable={editable} letterEditable={action.editable} onInsert={insert} />
            </Paper>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Paper withBorder p="md" component="section" aria-label={t('letters.preview.title')}>
          <TemplatePreview org={org} actionId={action.id} language={language} template={values} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
