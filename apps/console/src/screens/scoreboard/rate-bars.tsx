import { Box, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';

export interface Bar {
  key: string;
  label: string;
  /** 0 to `max`. */
  value: number;
  /** What a screen reader and the text beside the bar say: "33%", "4.5 days". */
  text: string;
}

/**
 * A horizontal bar chart in plain HTML and CSS: each bar is a labelled meter (role="meter" with its value as
 * text), so it reads out without the picture, and the table under the chart carries the same figures. No chart
 * library: a few bars need none, and the screen's chunk stays small.
 */
export function RateBars({
  title,
  bars,
  max,
  color,
}: {
  title: string;
  bars: Bar[];
  max: number;
  color: string;
}): ReactNode {
  const id = useId();
  return (
    <Stack gap={6} component="figure" m={0} aria-labelledby={id}>
      <Text component="figcaption" id={id} fw={600} size="sm">
        {title}
      </Text>
      {bars.map((bar) => (
        <Group key={bar.key} gap="sm" wrap="nowrap" align="center">
          <Text size="sm" w={240} truncate title={bar.label}>
            {bar.label}
          </Text>
          <Box
            role="meter"
            aria-label={bar.label}
            aria-valuemin={0}
            aria-valuemax={max}
            aria-valuenow={bar.value}
            aria-valuetext={bar.text}
            style={{ flex: 1, height: 14, background: 'var(--mantine-color-gray-2)', borderRadius: 3 }}
          >
            <Box
              style={{
                width: `${max > 0 ? Math.min(100, (bar.value / max) * 100) : 0}%`,
                height: '100%',
                background: color,
                borderRadius: 3,
              }}
            />
          </Box>
          <Text size="sm" w={80} ta="end">
            {bar.text}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
