import { Table, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/feedback';
import { useCountryName } from '../../components/format';
import type { AreaFilter, StatusValue } from './implementation-queries';
import { STATUSES, summaryQuery } from './implementation-queries';
import { StatusBadge } from './status-panel';

/**
 * The country at a glance: focus areas down, statuses across, how many recommendations stand at each. A count picks
 * that focus area and status on the board below; numbers, not colours, carry the meaning.
 */
export function StatusSummary({
  org,
  country,
  onPick,
}: {
  org: string;
  country: string;
  onPick: (focusArea: AreaFilter, status: StatusValue) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const countryName = useCountryName();
  const summary = useQuery(summaryQuery(org, country));
  if (summary.error) return <LoadError error={summary.error} retry={() => void summary.refetch()} />;
  if (!summary.data) return null;
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table
        withTableBorder
        withColumnBorders
        aria-label={t('implementation.summaryOf', { country: countryName(country) })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('implementation.focusAreaField')}</Table.Th>
            {STATUSES.map((s) => (
              <Table.Th key={s}>
                <StatusBadge status={s} />
              </Table.Th>
            ))}
            <Table.Th>{t('implementation.summaryTotal')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.data.areas.map((area) => {
            const areaName = t(`implementation.focusArea.${area.focusArea}`);
            return (
              <Table.Tr key={area.focusArea}>
                <Table.Th scope="row">{areaName}</Table.Th>
                {area.counts.map(({ status, count }) => (
                  <Table.Td key={status}>
                    {count === 0 ? (
                      <Text size="sm" c="dimmed">
                        0
                      </Text>
                    ) : (
                      <UnstyledButton
                        onClick={() => onPick(area.focusArea, status)}
                        aria-label={t('implementation.summaryCell', {
                          count,
                          area: areaName,
                          status: t(`implementation.status.${status}`),
                        })}
                        style={{ textDecoration: 'underline' }}
                      >
                        <Text size="sm" fw={600}>
                          {number.format(count)}
                        </Text>
                      </UnstyledButton>
                    )}
                  </Table.Td>
                ))}
                <Table.Td>{number.format(area.total)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
