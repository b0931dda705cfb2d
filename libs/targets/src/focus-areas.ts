/**
 * The six situations in which the UN Global Study on Children Deprived of Liberty counts children held: the focus
 * areas targets are responsible for and recommendations belong to. Stored as these codes; add, never rename.
 */
export const STUDY_FOCUS_AREAS = [
  'administration-of-justice',
  'children-with-parents-in-prison',
  'migration',
  'institutions',
  'armed-conflict',
  'national-security',
] as const;
export type StudyFocusArea = (typeof STUDY_FOCUS_AREAS)[number];
