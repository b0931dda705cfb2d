import { Alert, Button, Group, Menu, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { confirmAction } from '../../components/confirm';
import { notifyError, notifySuccess } from '../../components/feedback';
import { LANGUAGES } from '../../i18n';
import type { LetterAction } from './letter-queries';
import { letterActionQuery } from './letter-queries';
import { TemplateEditor } from './template-editor';
import type { TemplateText } from './template-preview';

/** Where a letter with no text yet starts: the greeting and the signature every letter has. */
const STARTER: TemplateText = { subjects: [''], body: '{{target.salutation}},\n\n\n\n{{supporter.fullName}}' };

/**
 * The action's letters, one per language: the action's own language, and variants for targets who read another
 * (a target gets the variant in its language, else the action's). Adding a language starts from the action's letter.
 */
export function TemplateWorkspace({
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
  const [added, setAdded] = useState<string[]>([]);
  const [language, setLanguage] = useState<string>(action.language);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const saved = new Map(action.templates.map((tpl) => [tpl.language, tpl]));
  const languages = LANGUAGES.filter((l) => l === action.language || saved.has(l) || added.includes(l));
  const missing = LANGUAGES.filter((l) => !languages.includes(l));
  const own = saved.get(action.language);
  const current = saved.get(language);
  const initial: TemplateText = current
    ? { subjects: current.subjects, body: current.body }
    : own
      ? { subjects: own.subjects, body: own.body }
      : STARTER;
  const name = (l: string) => t(`shared:language.${l}`);

  const choose = async (next: string): Promise<void> => {
    if (next === language) return;
    if (
      dirty.current &&
      !(await confirmAction({
        title: t('common.unsavedTitle'),
        message: t('letters.editor.switchUnsaved', { language: name(language) }),
        confirmLabel: t('common.leave'),
        cancelLabel: t('common.stay'),
        danger: true,
      }))
    )
      return;
    dirty.current = false;
    setLanguage(next);
  };

  const remove = useMutation({
    mutationFn: (l: string) =>
      unwrap(
        api.DELETE('/api/orgs/{orgSlug}/letter-actions/{actionId}/templates/{language}', {
          params: { path: { orgSlug: org, actionId: action.id, language: l as Schemas['Language'] } },
        }),
      ),
    onSuccess: async (_, l) => {
      await queryClient.invalidateQueries({ queryKey: letterActionQuery(org, action.id).queryKey, exact: true });
      setAdded((list) => list.filter((x) => x !== l));
      dirty.current = false;
      setLanguage(action.language);
      notifySuccess(t('letters.editor.removed', { language: name(l) }));
    },
    onError: (error) => notifyError(error, t('common.saveFailed')),
  });
  const askRemove = async (): Promise<void> => {
    const confirmed = await confirmAction({
      title: t('letters.editor.removeTitle', { language: name(language) }),
      message: t('letters.editor.removeMessage', { language: name(language), own: name(action.language) }),
      confirmLabel: t('letters.editor.removeButton'),
      cancelLabel: t('common.cancel'),
      danger: true,
    });
    if (confirmed) remove.mutate(language);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="letter-language-label">
            {t('letters.editor.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="letter-language-label"
            value={language}
            onChange={(v) => void choose(v)}
            data={languages.map((l) => ({
              value: l,
              label: saved.has(l) ? name(l) : t('letters.editor.unsavedLanguage', { language: name(l) }),
            }))}
          />
        </Stack>
        {editable && (
          <Group gap="sm">
            {missing.length > 0 && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default">{t('letters.editor.addLanguage')}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {missing.map((l) => (
                    <Menu.Item
                      key={l}
                      onClick={() => {
                        setAdded((list) => [...list, l]);
                        void choose(l);
                      }}
                    >
                      {name(l)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            {language !== action.language && saved.has(language) && (
              <Button variant="default" color="red" loading={remove.isPending} onClick={() => void askRemove()}>
                {t('letters.editor.removeLanguage', { language: name(language) })}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {!own && <Alert color="yellow">{t('letters.editor.needOwn', { language: name(action.language) })}</Alert>}
      {language !== action.language && (
        <Text size="sm" c="dimmed">
          {t('letters.editor.variantHint', { language: name(language), own: name(action.language) })}
        </Text>
      )}
      <TemplateEditor
        key={language}
        org={org}
        action={action}
        language={language}
        initial={initial}
        editable={editable}
        isNew={!current}
        onDirtyChange={onDirtyChange}
      />
    </Stack>
  );
}
