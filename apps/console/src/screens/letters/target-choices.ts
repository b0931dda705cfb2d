import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Target } from './letter-queries';
import { routingTargetsQuery } from './letter-queries';

export interface TargetChoice {
  value: string;
  label: string;
}

export const targetLabel = (t: Pick<Target, 'name' | 'title' | 'body' | 'country'>): string =>
  [t.name, t.title || t.body, t.country].filter(Boolean).join(' · ');

/**
 * Targets to choose from, searched on the server as the member types (the directory may be larger than one page),
 * keeping every target seen so far so that chosen ones keep their names when a search no longer lists them.
 */
export function useTargetChoices(
  org: string,
  otherLabels: string[] = [],
): {
  choices: TargetChoice[];
  search: string;
  onSearchChange: (q: string) => void;
  loading: boolean;
  error: unknown;
  total: number | undefined;
} {
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  // A select shows the chosen option's label in its search box: that is not a search of the directory.
  const typed = search.trim();
  const echo = otherLabels.includes(typed) || [...known.values()].includes(typed);
  const [q] = useDebouncedValue(echo ? '' : typed, 300);
  const targets = useQuery(routingTargetsQuery(org, q));
  // Every page of results adds to what is known, adjusted during render as React advises for derived state.
  const [seen, setSeen] = useState<typeof targets.data>(undefined);
  if (targets.data !== seen) {
    setSeen(targets.data);
    if (targets.data)
      setKnown((before) => new Map([...before, ...targets.data.items.map((t) => [t.id, targetLabel(t)] as const)]));
  }
  const choices = useMemo(() => [...known].map(([value, label]) => ({ value, label })), [known]);
  return {
    choices,
    search,
    onSearchChange: setSearch,
    loading: targets.isFetching,
    error: targets.error,
    total: q ? undefined : targets.data?.total,
  };
}
