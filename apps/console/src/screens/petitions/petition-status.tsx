import { Badge, Group, Progress, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import type { PetitionStatus } from './petition-queries';

const COLOURS: Record<PetitionStatus, string> = { draft: 'gray', open: 'green', closed: 'orange', delivered: 'indigo' };

export function PetitionStatusBadge({ status }: { status: PetitionStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light">
      {t(`petitions.status.${status}`)}
    </Badge>
  );
}

/** The count against the goal, as words (for everyone) and a bar (for those who see it). */
export function GoalProgress({
  count,
  goal,
  size = 'sm',
}: {
  count: number;
  goal: number;
  size?: 'sm' | 'lg';
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = goal > 0 ? Math.min(100, (count / goal) * 100) : 0;
  const label = t('petitions.ofGoal', { count, countText: format.number(count), goal: format.number(goal) });
  return (
    <div>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size={size === 'lg' ? 'xl' : 'sm'} fw={size === 'lg' ? 700 : 500} data-testid="petition-count">
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {Math.floor(percent)}%
        </Text>
      </Group>
      <Progress value={percent} size={size === 'lg' ? 'lg' : 'sm'} aria-label={label} />
    </div>
  );
}
