import type { StaffHandle } from '#rally-testing/organisations';
import type { RallyHarness } from './rally-harness.js';

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
