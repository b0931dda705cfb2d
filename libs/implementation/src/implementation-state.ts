import type { EvidenceLink } from '#rally/recommendations';

/** How far a country has moved on a recommendation. Stored as text: add, never rename. */
export const IMPLEMENTATION_STATUSES = [
  'unknown',
  'not-started',
  'in-progress',
  'partially-implemented',
  'implemented',
  'regressed',
] as const;
export type ImplementationStatusValue = (typeof IMPLEMENTATION_STATUSES)[number];

/** What a change sets: the current row holds one, the history keeps one before and one after each event. */
export interface StatusState {
  status: ImplementationStatusValue;
  evidence: EvidenceLink[];
  evidenceSummary: string;
  /** The day the evidence summary speaks of, YYYY-MM-DD. */
  evidenceDate: string | null;
  lastVerified: string | null;
  note: string;
}

/** No row yet: the board shows every recommendation, these as unknown. */
export const UNKNOWN_STATE: StatusState = {
  status: 'unknown',
  evidence: [],
  evidenceSummary: '',
  evidenceDate: null,
  lastVerified: null,
  note: '',
};

export const sameState = (a: StatusState, b: StatusState): boolean =>
  a.status === b.status &&
  a.evidenceSummary === b.evidenceSummary &&
  a.evidenceDate === b.evidenceDate &&
  a.lastVerified === b.lastVerified &&
  a.note === b.note &&
  a.evidence.length === b.evidence.length &&
  a.evidence.every((e, i) => e.url === b.evidence[i]?.url && e.supports === b.evidence[i]?.supports);

/** The fields whose value differs, for the audit log (which keeps names, not values). */
export const changedFields = (before: StatusState, after: StatusState): (keyof StatusState)[] =>
  (Object.keys(after) as (keyof StatusState)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
