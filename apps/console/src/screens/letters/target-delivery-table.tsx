import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/format';
import type { TargetDelivery } from './letter-queries';

/**
 * Letters per target: sent, pending (queued, waiting or sending), failed and held. `actions` adds a last column
 * (the delivery tab's cancel and requeue); `name` may make the name a control (filter the letters by it).
 */
export function TargetDeliveryTable({
  caption,
  rows,
  name,
  actions,
}: {
  caption: string;
  rows: TargetDelivery[];
  name?: (row: TargetDelivery) => ReactNode;
  actions?: (row: TargetDelivery) => ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('letters.delivery.noLetters')}
      </Text>
    );
  const columns = ['total', 'sent', 'pending', 'failed', 'held'] as const;
  return (
    <Table striped withTableBorder aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('letters.delivery.target')}</Table.Th>
          {columns.map((c) => (
            <Table.Th scope="col" ta="right" key={c}>
              {t(`letters.delivery.columns.${c}`)}
            </Table.Th>
          ))}
          {actions && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.targetId}>
            <Table.Th scope="row" fw={500}>
              {name ? name(r) : r.targetName}
            </Table.Th>
            {columns.map((c) => (
              <Table.Td ta="right" key={c}>
                {format.number(r[c])}
              </Table.Td>
            ))}
            {actions && <Table.Td>{actions(r)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
