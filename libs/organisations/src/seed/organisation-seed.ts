import { randomBytes } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { DataSource } from 'typeorm';
import { InvalidInputError, normaliseEmail } from '#rally/core';
import { Role, Membership, Organisation, StaffUser } from '#rally/access';
import { hashPassword, passwordProblems } from '../auth/password.js';
import { OrganisationCreateDto } from '../dto/organisation.dto.js';
import { OrganisationSlugTakenError, WeakPasswordError } from '../organisations.exception.js';

export interface OrganisationWithAdminInput {
  organisation: {
    name: string;
    slug: string;
    country: string;
    timeZone: string;
    defaultLanguage: string;
    sendingAddress?: string;
  };
  admin: { email: string; name: string; password?: string };
}

export interface OrganisationWithAdmin {
  organisation: Organisation;
  user: StaffUser;
  /** Set when a new account was created: the password to hand over (generated unless one was given). */
  password?: string;
}

/** 24 characters from 144 random bits: strong, and easy to copy from a terminal. */
export const generatePassword = (): string => randomBytes(18).toString('base64url');

/**
 * Creates an organisation and its first admin (used by `rally create-admin` and the demo seed). An existing account
 * with that email becomes the admin and keeps its password.
 */
export async function createOrganisationWithAdmin(
  db: DataSource,
  input: OrganisationWithAdminInput,
): Promise<OrganisationWithAdmin> {
  const dto = plainToInstance(OrganisationCreateDto, input.organisation);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0)
    throw new InvalidInputError(
      Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})])),
    );
  const email = normaliseEmail(input.admin.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new InvalidInputError({ email: ['email must be an email address'] });

  return db.transaction(async (tx) => {
    if (await tx.getRepository(Organisation).existsBy({ slug: dto.slug })) throw new OrganisationSlugTakenError();
    const organisation = await tx
      .getRepository(Organisation)
      .save({ ...dto, sendingAddress: dto.sendingAddress ?? null });
    let user = await tx.getRepository(StaffUser).findOneBy({ email });
    let password: string | undefined;
    if (!user) {
      password = input.admin.password ?? generatePassword();
      const problems = passwordProblems(password, email);
      if (problems.length > 0) throw new WeakPasswordError('password', problems);
      user = await tx.getRepository(StaffUser).save({
        email,
        emailNormalized: email,
        name: input.admin.name,
        passwordHash: await hashPassword(password),
        passwordChangedAt: new Date(),
      });
    }
    await tx.getRepository(Membership).insert({ organisationId: organisation.id, userId: user.id, role: Role.Admin });
    return { organisation, user, password };
  });
}

export const DEMO_ORGANISATION = {
  organisation: {
    name: 'Demo Child Rights Coalition',
    slug: 'demo',
    country: 'FR',
    timeZone: 'Europe/Paris',
    defaultLanguage: 'en',
  },
  admin: { email: 'admin@demo.rally.localhost', name: 'Demo Admin' },
} as const;

/** First run only: creates the demo organisation when the installation has no organisation at all; null otherwise. */
export async function seedDemoOrganisation(db: DataSource): Promise<OrganisationWithAdmin | null> {
  // Serialised across processes so two launchers on one database cannot both seed (and both print a login).
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rally:demo-seed'))`);
    if ((await tx.getRepository(Organisation).count()) > 0) return null;
    return createOrganisationWithAdmin(tx.connection, {
      organisation: { ...DEMO_ORGANISATION.organisation },
      admin: { ...DEMO_ORGANISATION.admin },
    });
  });
}
