import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { useCountryName, useFormat } from '../../components/format';

type Report = Schemas['PetitionCountsReportResponse'];

/** Online signatures by country and by region: where support comes from (top rows; the CSV has every signature). */
export function PetitionBreakdown({ report, rows = 10 }: { report: Report; rows?: number }): ReactNode {
  const { t } = useTranslation();
  const format = useFormat();
  const countryName = useCountryName();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <CountTable
        caption={t('petitions.byCountry')}
        heading={t('petitions.country')}
        rows={report.byCountry.slice(0, rows).map((c) => [countryName(c.country), format.number(c.count)])}
        empty={t('petitions.noBreakdown')}
      />
      <CountTable
        caption={t('petitions.byRegion')}
        heading={t('petitions.region')}
        rows={report.byRegion
          .slice(0, rows)
          .map((r) => [r.region || t('petitions.regionUnknown'), format.number(r.count)])}
        empty={t('petitions.noBreakdown')}
      />
    </SimpleGrid>
  );
}

function CountTable({
  caption,
  heading,
  rows,
  empty,
}: {
  caption: string;
  heading: string;
  rows: [string, string][];
  empty: string;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {caption}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table striped withTableBorder aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{heading}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('petitions.signatures')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([name, count]) => (
              <Table.Tr key={name}>
                <Table.Td>{name}</Table.Td>
                <Table.Td ta="right">{count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
