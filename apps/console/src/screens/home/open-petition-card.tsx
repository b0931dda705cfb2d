import { Group, Paper, SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { Petition } from '../petitions/petition-queries';
import { LIVE_COUNT_MS, petitionCountsQuery } from '../petitions/petition-queries';
import { PetitionBreakdown } from '../petitions/petition-breakdown';
import { GoalProgress } from '../petitions/petition-status';
import { SignaturesPerDay } from '../petitions/signatures-per-day';
import { AnchorLink } from '../../components/links';

/** An open petition on the home screen: count against goal, the last days, where signatures come from. */
export function OpenPetitionCard({ org, petition }: { org: string; petition: Petition }): ReactNode {
  const [days, setDays] = useState<30 | 90>(30);
  const report = useQuery({ ...petitionCountsQuery(org, petition.id), refetchInterval: LIVE_COUNT_MS * 6 });
  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Group justify="space-between">
          <AnchorLink to="/o/$org/petitions/$petitionId" params={{ org, petitionId: petition.id }} fw={600} fz="lg">
            {petition.title}
          </AnchorLink>
        </Group>
        <GoalProgress count={report.data?.total ?? petition.counts.total} goal={petition.goal} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <SignaturesPerDay org={org} petitionId={petition.id} days={days} onDaysChange={setDays} />
          {report.data && <PetitionBreakdown report={report.data} rows={5} />}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
