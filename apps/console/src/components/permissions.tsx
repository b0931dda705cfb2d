import type { ReactNode } from 'react';
import { useOrg } from '../session/org';

/** Shows its children only when the member's role holds `permission` (as GET /me says; the API enforces it anyway). */
export function Can({ permission, children }: { permission: string; children: ReactNode }): ReactNode {
  const { can } = useOrg();
  return can(permission) ? children : null;
}
