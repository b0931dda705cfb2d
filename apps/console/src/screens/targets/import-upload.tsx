import { Button, FileInput, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../components/feedback';
import type { ImportKind, TargetImport } from './import-queries';
import { IMPORT_KINDS, importKeys, importQuery, uploadImport } from './import-queries';

// The server's limit (larger files are refused with 413): said before a long upload, not after.
const MAX_BYTES = 50 * 1_048_576;

/** Step 1: what the file holds and the file itself; nothing changes until the check has run and staff apply. */
export function ImportUpload({
  org,
  kind,
  onKindChange,
  onUploaded,
}: {
  org: string;
  kind: ImportKind;
  onKindChange: (kind: ImportKind) => void;
  onUploaded: (upload: TargetImport) => void;
}): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => uploadImport(org, kind, f),
    onSuccess: (created) => {
      queryClient.setQueryData(importQuery(org, created.id).queryKey, created);
      void queryClient.invalidateQueries({ queryKey: [...importKeys(org), 'list'] });
      onUploaded(created);
    },
    onError: (error) => notifyError(error, t('targets.import.uploadFailed')),
  });
  const send = (): void => {
    if (!file) return setProblem(t('targets.import.chooseFile'));
    if (file.size > MAX_BYTES) return setProblem(t('targets.import.tooLarge', { max: 50 }));
    setProblem(null);
    upload.mutate(file);
  };

  return (
    <Stack gap="sm" maw={640}>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="import-kind-label">
          {t('targets.import.kindLabel')}
        </Text>
        <SegmentedControl
          aria-labelledby="import-kind-label"
          data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`targets.import.kind.${k}`) }))}
          value={kind}
          onChange={(v) => onKindChange(v as ImportKind)}
          w="fit-content"
        />
      </Stack>
      <Text size="sm" c="dimmed">
        {t(`targets.import.fileHint.${kind}`)}
      </Text>
      <FileInput
        label={t('targets.import.file')}
        description={t('targets.import.fileDescription')}
        placeholder={t('targets.import.filePlaceholder')}
        // Mantine's placeholder grey is 2.1:1 on white; the console's dimmed text passes AA.
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        accept=".csv,text/csv"
        required
        clearable
        clearButtonProps={{ 'aria-label': t('targets.import.clearFile') }}
        value={file}
        onChange={(f) => {
          setFile(f);
          setProblem(null);
        }}
        error={problem}
      />
      <Group>
        <Button onClick={send} loading={upload.isPending}>
          {t('targets.import.upload')}
        </Button>
      </Group>
    </Stack>
  );
}
