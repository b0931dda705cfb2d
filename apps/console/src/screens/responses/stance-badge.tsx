import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Response, ResponseStance } from './response-queries';

// Light variants: their dark text on a pale ground passes the 4.5:1 contrast check the browser tests run.
const COLOURS: Record<ResponseStance, string> = {
  'no-reply': 'gray',
  acknowledged: 'blue',
  committed: 'green',
  'partially-committed': 'teal',
  refused: 'red',
};

/** The target's position; a draft without one is work waiting: "To classify". */
export function StanceBadge({ row }: { row: Pick<Response, 'stance' | 'status'> }): ReactNode {
  const { t } = useTranslation();
  if (!row.stance)
    return (
      <Badge color="orange" variant="light" size="sm">
        {t('responses.toClassify')}
      </Badge>
    );
  return (
    <Badge color={COLOURS[row.stance]} variant="light" size="sm">
      {t(`responses.stance.${row.stance}`)}
    </Badge>
  );
}
