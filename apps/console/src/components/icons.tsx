import type { ReactNode } from 'react';

// The two icons the console draws, inline (no icon font: a missing glyph would show as a box). Decorative: the
// button around each carries the name.
const svg = {
  width: 16,
  height: 16,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
} as const;

export const CopyIcon = (): ReactNode => (
  <svg {...svg} aria-hidden="true" focusable="false">
    <rect x="9" y="9" width="12" height="12" rx="2" />
    <path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1" />
  </svg>
);

export const CheckIcon = (): ReactNode => (
  <svg {...svg} aria-hidden="true" focusable="false">
    <path d="M4 12l5 5L20 6" />
  </svg>
);
