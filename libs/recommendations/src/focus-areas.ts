/**
 * The six situations in which the UN Global Study on Children Deprived of Liberty counts children held: the focus
 * areas recommendations belong to and targets answer for. Stored as these codes; add, never rename. They live here,
 * with the catalogue that defines them, so targets (and later responses, follow-ups) import them from one place.
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

/** The Study file's own area codes; its `null` is an overarching (cross-cutting) recommendation. */
export const STUDY_FILE_FOCUS_AREAS: Readonly<Record<string, StudyFocusArea>> = {
  JUSTICE: 'administration-of-justice',
  CAREGIVERS: 'children-with-parents-in-prison',
  MIGRATION: 'migration',
  INSTITUTIONS: 'institutions',
  ARMED_CONFLICT: 'armed-conflict',
  NATIONAL_SECURITY: 'national-security',
};
