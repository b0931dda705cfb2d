import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/copy-field';
import type { Petition } from './petition-queries';

/** The snippet another site pastes to show the live count (the widget reads /p/<slug>/count.json). */
export const embedSnippet = (petition: Pick<Petition, 'publicUrl' | 'slug'>): string =>
  `<script src="${new URL('/p/assets/widget.js', petition.publicUrl).href}" data-petition="${petition.slug}" async></script>`;

export function PetitionShare({ petition }: { petition: Petition }): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {petition.status === 'draft' && (
        <Text size="sm" c="dimmed">
          {t('petitions.share.draftNote')}
        </Text>
      )}
      <CopyField label={t('petitions.share.link')} value={petition.publicUrl} />
      <CopyField
        label={t('petitions.share.embed')}
        description={t('petitions.share.embedHint')}
        value={embedSnippet(petition)}
      />
    </Stack>
  );
}
