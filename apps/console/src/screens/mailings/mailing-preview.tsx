import { Alert, Box, Button, Group, List, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { notifyError, notifySuccess } from '../../components/feedback';
import type { MailingVariant } from './mailing-queries';

/**
 * The mailing as the server renders it from the editor's unsaved words, for a sample supporter with the campaign's
 * real petition count and latest response: problems with line and column, else the subject and the text or HTML
 * part (in a sandboxed frame that runs and loads nothing). A test send goes to the member's own address.
 */
export function MailingPreview({
  org,
  mailingId,
  variants,
  fallback,
}: {
  org: string;
  mailingId: string;
  variants: MailingVariant[];
  fallback: string;
}): ReactNode {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<string>(fallback);
  const [part, setPart] = useState<'text' | 'html'>('text');
  const body = () => ({
    language: language as Schemas['Language'],
    variants: variants.map((v) => ({ ...v, language: v.language as Schemas['Language'] })),
  });
  const preview = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/mailings/{mailingId}/preview', {
          params: { path: { orgSlug: org, mailingId } },
          body: body(),
        }),
      ),
    onError: (error) => notifyError(error, t('mailings.previewFailed')),
  });
  const testSend = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/orgs/{orgSlug}/mailings/{mailingId}/test-send', {
          params: { path: { orgSlug: org, mailingId } },
          body: body(),
        }),
      ),
    onSuccess: (r) => notifySuccess(t('mailings.testSent', { to: r.sentTo })),
    onError: (error) => notifyError(error, t('mailings.testFailed')),
  });
  const result = preview.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('mailings.preview')}
        </Title>
        <Group align="flex-end">
          <Select
            label={t('mailings.previewLanguage')}
            data={['en', 'fr', 'es'].map((l) => ({ value: l, label: t(`shared:language.${l}`) }))}
            value={language}
            onChange={(v) => setLanguage(v ?? fallback)}
            allowDeselect={false}
            w={200}
          />
          <Button variant="default" loading={preview.isPending} onClick={() => preview.mutate()}>
            {t('mailings.showPreview')}
          </Button>
          <Button variant="default" loading={testSend.isPending} onClick={() => testSend.mutate()}>
            {t('mailings.testSend')}
          </Button>
        </Group>
        {result && result.problems.length > 0 && (
          <Alert color="red" title={t('mailings.problems')}>
            <List size="sm">
              {result.problems.map((p, i) => (
                <List.Item key={i}>
                  {t('mailings.problem', {
                    field: p.field,
                    line: p.line ?? 0,
                    column: p.column ?? 0,
                    message: p.message,
                  })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {result && result.problems.length === 0 && (
          <Stack gap="xs">
            <Text size="sm">{t('mailings.previewOf', { language: t(`shared:language.${result.language}`) })}</Text>
            <Text fw={600}>{result.subject}</Text>
            <SegmentedControl
              value={part}
              onChange={(v) => setPart(v as 'text' | 'html')}
              data={[
                { value: 'text', label: t('mailings.textPart') },
                { value: 'html', label: t('mailings.htmlPart') },
              ]}
              w={240}
            />
            {part === 'text' ? (
              <Box component="pre" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}>
                {result.text}
              </Box>
            ) : (
              <iframe
                title={t('mailings.htmlFrame')}
                sandbox=""
                srcDoc={result.html}
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
    </Paper>
  );
}
