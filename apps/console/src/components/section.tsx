import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';

/** A bordered part of a screen under its own heading (h2), announced as a region named by that heading. */
export function Section({ title, children, live }: { title: string; children: ReactNode; live?: boolean }): ReactNode {
  const id = useId();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm" aria-live={live ? 'polite' : undefined}>
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
