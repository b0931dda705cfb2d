import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useState } from 'react';

/**
 * A search field that filters a server list as the member types: the address changes 300 ms after the last key
 * (one request per pause, not per key), and follows the address when it changes elsewhere (back button).
 */
export function SearchBox({
  label,
  value,
  onSearch,
}: {
  label: string;
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
}): ReactNode {
  const [text, setText] = useState(value ?? '');
  // Follows the address when it changes from elsewhere (back button, a cleared filter): adjusted during render, the
  // way React recommends for state derived from a prop, rather than in an effect.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    // Not when the address merely caught up with what is typed (keys pressed since then would be lost).
    if (value !== (text.trim() || undefined)) setText(value ?? '');
  }
  const debounced = useDebouncedCallback((q: string) => onSearch(q.trim() || undefined), 300);
  return (
    <TextInput
      label={label}
      type="search"
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        debounced(e.currentTarget.value);
      }}
      w={{ base: '100%', sm: 320 }}
    />
  );
}
