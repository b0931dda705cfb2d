import '@mantine/charts/styles.layer.css';
import { BarChart } from '@mantine/charts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

type Day = Schemas['DayCount'];

/**
 * The bars of signatures per day. Loaded on its own (recharts is most of the console's weight) once a screen with
 * a chart is shown; the words beside it say the same for those who cannot see it.
 */
export default function SignaturesChart({ days, label }: { days: Day[]; label: string }): ReactNode {
  const { i18n } = useTranslation();
  const short = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const data = days.map((d) => ({ day: short.format(new Date(`${d.date}T00:00:00Z`)), count: d.count }));
  return (
    <div role="img" aria-label={label}>
      <BarChart
        h={220}
        data={data}
        dataKey="day"
        series={[{ name: 'count', color: 'indigo.6', label }]}
        tickLine="y"
        gridAxis="y"
        withTooltip
        barProps={{ isAnimationActive: false }}
        yAxisProps={{ allowDecimals: false }}
      />
    </div>
  );
}
