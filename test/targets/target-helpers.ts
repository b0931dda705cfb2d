import type { StaffHandle } from '#rally-testing/organisations';
import type { RallyHarness } from '../support/rally-harness.js';

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T & { fields?: Record<string, string[]>; error?: string };
}

/** JSON calls under the staff member's organisation (`/api/orgs/<slug><path>`) with their API token. */
export function staffApi(rally: RallyHarness, staff: StaffHandle) {
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const res = await fetch(`${rally.baseUrl}/api/orgs/${staff.organisation.slug}${path}`, {
      method,
      headers: { ...staff.bearer(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as ApiAnswer<T>['body'] };
  };
}

export type StaffApi = ReturnType<typeof staffApi>;

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
