import type { RallyLibrary } from '#rally/core';
import { Invitation } from './entities/invitation.entity.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { RateLimitCounter } from './entities/rate-limit-counter.entity.js';
import { ORGANISATIONS_CONFIG } from './organisations.config.js';
import { ORGANISATIONS_CATALOGUE } from './organisations.i18n.js';
import { ORGANISATION_JOBS } from './organisations.jobs.js';
import { ORGANISATION_AUDIT } from './organisations.audit.js';
import { ORGANISATION_PERMISSIONS } from './organisations.permissions.js';

/** Running an organisation: sign-in, passwords, invitations, members, API tokens, settings, the demo seed. */
export const ORGANISATIONS_LIBRARY: RallyLibrary = {
  name: 'organisations',
  entities: [Invitation, PasswordReset, RateLimitCounter],
  config: ORGANISATIONS_CONFIG,
  jobs: ORGANISATION_JOBS,
  permissions: ORGANISATION_PERMISSIONS,
  audit: ORGANISATION_AUDIT,
  catalogues: [ORGANISATIONS_CATALOGUE],
};
