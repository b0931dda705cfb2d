import type { RallyLibrary } from '#rally/core';
import { ACCESS_CONFIG } from './access.config.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { ApiToken } from './entities/api-token.entity.js';
import { Membership } from './entities/membership.entity.js';
import { Organisation } from './entities/organisation.entity.js';
import { StaffSession } from './entities/staff-session.entity.js';
import { StaffUser } from './entities/staff-user.entity.js';

/** Who someone is and what they may do: organisations, members, sessions, tokens, the audit log. */
export const ACCESS_LIBRARY: RallyLibrary = {
  name: 'access',
  entities: [Organisation, StaffUser, Membership, StaffSession, ApiToken, AuditEvent],
  config: ACCESS_CONFIG,
};
