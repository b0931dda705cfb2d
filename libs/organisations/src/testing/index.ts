import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '#rally/access';
import { normaliseEmail } from '#rally/core';
import {
  Role,
  CSRF_HEADER,
  SESSION_COOKIE,
  hashSecret,
  newSecret,
  SessionService,
  ApiToken,
  Membership,
  Organisation,
  StaffUser,
} from '#rally/access';
import { hashPassword } from '../auth/password.js';

/** What the factories need of a running Rally (test/support's RallyHarness fits). */
export interface RallyLike {
  baseUrl: string;
  api: INestApplication;
}

export interface StaffHandle {
  organisation: Organisation;
  user: StaffUser;
  membership: Membership;
  password: string;
  /** API bearer token of the same organisation and role. */
  token: string;
  tokenId: string;
  /** `rally_session=...` for a Cookie header. */
  cookie: string;
  csrfToken: string;
  bearer(): Record<string, string>;
  session(): Record<string, string>;
}

/** What a service call made on behalf of this member carries: the tests' way to act as them without HTTP. */
export const authOf = (staff: StaffHandle): AuthContext => ({
  organisationId: staff.organisation.id,
  role: staff.membership.role,
  actor: { kind: 'user', userId: staff.user.id, sessionId: 'test' },
});

/** A route parameter the cross-tenant test fills with an object of another organisation. */
export interface TenantFixture {
  param: string;
  create(rally: RallyLike, owner: StaffHandle): Promise<string>;
}

const unique = (): string => randomBytes(4).toString('hex');
// One hash for every test user: argon2 per user would make role-matrix suites slow for nothing.
let testPasswordHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'violet tractor sings at dawn';

export const dataSourceOf = (rally: RallyLike): DataSource => rally.api.get(DataSource);

export function anOrganisation(overrides: Partial<Organisation> = {}): Partial<Organisation> {
  const id = unique();
  return {
    name: `Org ${id}`,
    slug: `org-${id}`,
    country: 'FR',
    timeZone: 'Europe/Paris',
    defaultLanguage: 'en',
    sendingAddress: null,
    ...overrides,
  };
}

/** A new organisation with one member of `role` (default admin), signed in with a session and holding an API token. */
export async function createOrgWithMember(
  rally: RallyLike,
  options: { role?: Role; slug?: string; organisation?: Partial<Organisation> } = {},
): Promise<StaffHandle> {
  const organisation = await dataSourceOf(rally)
    .getRepository(Organisation)
    .save(anOrganisation({ ...options.organisation, ...(options.slug ? { slug: options.slug } : {}) }));
  return addMember(rally, organisation, { role: options.role ?? Role.Admin });
}

/** Another member of an existing organisation, with its own session and token. */
export async function addMember(
  rally: RallyLike,
  organisation: Organisation,
  options: { role: Role; email?: string },
): Promise<StaffHandle> {
  const db = dataSourceOf(rally);
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const email = normaliseEmail(options.email ?? `staff-${unique()}@example.org`);
  const user = await db.getRepository(StaffUser).save({
    email,
    emailNormalized: email,
    name: `Staff ${options.role}`,
    passwordHash: await testPasswordHash,
    passwordChangedAt: new Date(),
  });
  const membership = await db
    .getRepository(Membership)
    .save({ organisationId: organisation.id, userId: user.id, role: options.role });
  const session = await rally.api.get(SessionService).issue(user.id, '127.0.0.1');
  const { id: tokenId, secret: token } = await insertApiToken(rally, organisation.id, options.role);
  const cookie = `${SESSION_COOKIE}=${session.secret}`;
  return {
    organisation,
    user,
    membership,
    password: TEST_PASSWORD,
    token,
    tokenId,
    cookie,
    csrfToken: session.csrfToken,
    bearer: () => ({ authorization: `Bearer ${token}` }),
    session: () => ({ cookie, [CSRF_HEADER]: session.csrfToken }),
  };
}

export async function insertApiToken(
  rally: RallyLike,
  organisationId: string,
  role: Role,
): Promise<{ id: string; secret: string }> {
  const secret = newSecret('rally');
  const row = await dataSourceOf(rally)
    .getRepository(ApiToken)
    .save({
      organisationId,
      name: `test token ${unique()}`,
      role,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, 12),
      createdByUserId: null,
      lastUsedAt: null,
      revokedAt: null,
    });
  return { id: row.id, secret };
}
