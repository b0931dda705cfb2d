import { randomBytes, randomUUID } from 'node:crypto';
import { normaliseEmail } from '#rally/core';
import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf, dataSourceOf } from '#rally-testing/organisations';
import { ORGANISATION_EMAIL_CONSENT } from '#rally/supporters';
import type { MailingCreateDto } from '../dto/mailing-request.dto.js';
import type { MailingResponse } from '../dto/mailing-response.dto.js';
import { MailingService } from '../staff/mailing.service.js';

const unique = (): string => randomBytes(4).toString('hex');

/** A draft mailing to the organisation's staff (needs no petition), in English, with overrides. */
export async function aMailing(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<MailingCreateDto> = {},
): Promise<MailingResponse> {
  return rally.api.get(MailingService).create(authOf(owner), {
    name: `Mailing ${unique()}`,
    audience: { kind: 'staff', roles: ['admin'] },
    variants: [
      { language: 'en', subject: 'News from {{organisation.name}}', body: 'Hello {{supporter.firstName}},\n\nNews.\n' },
    ],
    fallbackLanguage: 'en',
    ...overrides,
  });
}

/** A run of a staff mailing sent now: what routes under runs/:runId take. */
export async function aMailingRun(rally: RallyLike, owner: StaffHandle): Promise<string> {
  const mailing = await aMailing(rally, owner);
  await rally.api
    .get(MailingService)
    .schedule(authOf(owner), mailing.id, { kind: 'once', at: new Date().toISOString() });
  const [run] = (await dataSourceOf(rally).query(`SELECT id FROM mailing_runs WHERE mailing_id = $1`, [
    mailing.id,
  ])) as {
    id: string;
  }[];
  return run!.id;
}

export interface SupporterSeed {
  email?: string;
  firstName?: string;
  /** The latest organisation-email consent: true, false, or none recorded. */
  consent?: boolean | null;
  country?: string;
  region?: string | null;
  language?: string;
  createdAt?: Date;
  /** A confirmed signature of this petition, confirmed at `signedAt`. */
  petitionId?: string;
  signedAt?: Date;
}

/** A supporter as a confirmed action makes one (row, consent, signature), written directly: fast enough for thousands. */
export async function aSupporter(rally: RallyLike, organisationId: string, seed: SupporterSeed = {}): Promise<string> {
  const db = dataSourceOf(rally);
  const email = seed.email ?? `supporter-${unique()}@example.org`;
  const createdAt = seed.createdAt ?? new Date();
  const [row] = (await db.query(
    `INSERT INTO supporters (organization_id, email, email_normalized, first_name, last_name, region, country, language,
                             last_action_at, created_at)
     VALUES ($1, $2, $3, $4, 'Test', $5, $6, $7, $8, $8) RETURNING id`,
    [
      organisationId,
      email,
      normaliseEmail(email),
      seed.firstName ?? 'Amina',
      seed.region ?? null,
      seed.country ?? 'FR',
      seed.language ?? 'en',
      createdAt,
    ],
  )) as { id: string }[];
  const id = row!.id;
  if (seed.consent !== null)
    await db.query(
      `INSERT INTO supporter_consents (organization_id, supporter_id, purpose, granted, wording, source, given_at)
       VALUES ($1, $2, $3, $4, 'Keep me informed', 'test', $5)`,
      [organisationId, id, ORGANISATION_EMAIL_CONSENT, seed.consent ?? true, createdAt],
    );
  if (seed.petitionId)
    await db.query(
      `INSERT INTO signatures (id, organization_id, petition_id, email, email_normalized, first_name, country,
                               consent_given, consent_wording, language, status, confirmed_at, supporter_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Keep me informed', $9, 'confirmed', $10, $11, $10)`,
      [
        randomUUID(),
        organisationId,
        seed.petitionId,
        email,
        normaliseEmail(email),
        seed.firstName ?? 'Amina',
        seed.country ?? 'FR',
        seed.consent ?? false,
        seed.language ?? 'en',
        seed.signedAt ?? createdAt,
        id,
      ],
    );
  return id;
}
