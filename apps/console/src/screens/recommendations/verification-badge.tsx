import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recommendation, VerificationLevel } from './recommendation-queries';

const COLOURS: Record<VerificationLevel, string> = {
  primary: 'green',
  secondary: 'teal',
  partial: 'yellow',
  unverified: 'gray',
};

/** How far the item was checked against the Study's text; an organisation's own says whose source it is instead. */
export function VerificationBadge({ level }: { level: VerificationLevel | null }): ReactNode {
  const { t } = useTranslation();
  if (level === null)
    return (
      <Badge color="blue" variant="light" size="sm">
        {t('recommendations.own')}
      </Badge>
    );
  return (
    <Badge color={COLOURS[level]} variant="light" size="sm">
      {t(`recommendations.level.${level}`)}
    </Badge>
  );
}

/**
 * The one wording rule: "The Study recommends" only when the API says so (primary or secondary); a partial item is
 * "based on a Study finding", an unverified one is never attributed to the Study.
 */
export function attribution(r: Recommendation): string {
  if (r.sourceKind === 'organisation') return 'recommendations.attribution.own';
  if (r.studyRecommends) return 'recommendations.attribution.studyRecommends';
  return r.verification === 'partial'
    ? 'recommendations.attribution.studyFinding'
    : 'recommendations.attribution.notConfirmed';
}
