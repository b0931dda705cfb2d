import { ApiToken } from './entities/api-token.entity.js';
import { AuditEvent } from './entities/audit-event.entity.js';
import { Invitation } from './entities/invitation.entity.js';
import { Membership } from './entities/membership.entity.js';
import { Organisation } from './entities/organisation.entity.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { RateLimitCounter } from './entities/rate-limit-counter.entity.js';
import { StaffSession } from './entities/staff-session.entity.js';
import { StaffUser } from './entities/staff-user.entity.js';

export const ORGANISATION_ENTITIES = [
  Organisation,
  StaffUser,
  Membership,
  StaffSession,
  ApiToken,
  Invitation,
  PasswordReset,
  AuditEvent,
  RateLimitCounter,
];
