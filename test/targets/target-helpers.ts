export { staffApi } from '../support/staff-api.js';
export type { ApiAnswer, StaffApi } from '../support/staff-api.js';

export interface TargetBody {
  id: string;
  name: string;
  active: boolean;
  routable: boolean;
  externalId: string | null;
  timeZone: string | null;
  regionCodes: string[];
  tags: string[];
  emails: {
    id: string;
    address: string;
    addressNormalized: string;
    state: string;
    stateReason: string | null;
    position: number;
  }[];
}

export interface PageBody<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A valid create body; every test target is named so searches can find exactly its own. */
export const aTargetBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'minister',
  name: 'Jane Doe',
  title: 'Minister of Justice',
  body: 'Ministry of Justice',
  country: 'FR',
  language: 'fr',
  emails: [`minister-${Math.random().toString(36).slice(2, 10)}@justice.example.gov`],
  ...overrides,
});
