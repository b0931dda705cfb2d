import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FormStamp } from '#rally/core';
import { TEST_SECRET_KEY } from '#rally-testing/core';
import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import type { LetterActionCreateDto } from '../dto/letter-action.dto.js';
import type { LetterAction } from '../entities/letter-action.entity.js';
import type { LetterActionTransition } from '../actions/letter-action.service.js';
import { LetterActionService } from '../actions/letter-action.service.js';

const unique = (): string => randomBytes(4).toString('hex');

export const A_LETTER = {
  subjects: ['Children do not belong in detention', 'Please end child detention'],
  body:
    '{{target.salutation}},\n\nI am {{supporter.fullName}} from {{supporter.country}}. I ask {{target.body}} to act.\n\n' +
    '{{supporter.paragraph}}\n\nYours sincerely,\n{{supporter.fullName}}',
};

/**
 * A letter action of the member's organisation, open unless `status` says otherwise, with an English letter and no
 * sending window (so tests run at any hour; throttling tests set one).
 */
export async function aLetterAction(
  rally: RallyLike,
  staff: StaffHandle,
  overrides: Partial<LetterActionCreateDto> & { status?: 'draft' | 'open' | 'closed' } = {},
): Promise<LetterAction> {
  const { status = 'open', ...fields } = overrides;
  const service = rally.api.get(LetterActionService);
  const auth = authOf(staff);
  const action = await service.create(auth, {
    campaignId: fields.campaignId ?? (await aCampaign(rally, staff)),
    slug: `letter-${unique()}`,
    title: 'Write to the minister',
    language: 'en',
    routing: { mode: 'country' },
    sendingWindow: null,
    hourlyCap: null,
    dailyCap: null,
    template: A_LETTER,
    ...fields,
  });
  const steps: LetterActionTransition[] = status === 'draft' ? [] : status === 'open' ? ['open'] : ['open', 'close'];
  for (const step of steps) await service.transition(auth, action.id, step);
  return service.get(auth, action.id);
}

/** A complete, valid letter form; the time-to-fill check sees a form opened ten seconds before `now`. */
export function aLetterForm(overrides: Record<string, unknown> = {}, now = Date.now()): Record<string, unknown> {
  return {
    firstName: 'Amina',
    lastName: 'Kone',
    email: `amina.${unique()}@example.org`,
    country: 'FR',
    postcode: '69003',
    startedAt: new FormStamp(TEST_SECRET_KEY, 'letter-form').issue(now - 10_000),
    consent: 'on',
    ...overrides,
  };
}

/**
 * One confirmed submission with one letter to `targetId`, written straight to the tables: for routes that need a
 * letter to exist (the cross-tenant walk), not for testing how letters are made.
 */
export async function aStoredLetter(
  rally: RallyLike,
  staff: StaffHandle,
  actionId: string,
  targetId: string,
): Promise<{ letterId: string; submissionId: string }> {
  const db = rally.api.get(DataSource);
  const submissionId = randomUUID();
  const letterId = randomUUID();
  const org = staff.organisation.id;
  const email = `writer-${unique()}@example.org`;
  await db.query(
    `INSERT INTO letter_submissions (id, organization_id, action_id, email, email_normalized, first_name, country,
       consent_wording, language, status, flagged, confirmed_at)
     VALUES ($1, $2, $3, $4, $4, 'Ana', 'FR', 'consent', 'en', 'confirmed', true, now())`,
    [submissionId, org, actionId, email],
  );
  await db.query(
    `INSERT INTO letters (id, organization_id, action_id, submission_id, target_id, recipient, address_normalized,
       supporter_email_normalized, sender, reply_to, message_id, language, subject, body, status)
     VALUES ($1, $2, $3, $4, $5, 'x@example.gov', 'x@example.gov', $6, 'Ana via Org <a@b.org>', 'reply@r.org',
       $7, 'en', 'Subject', 'Body', 'held')`,
    [letterId, org, actionId, submissionId, targetId, email, `<letter.${letterId}@test>`],
  );
  return { letterId, submissionId };
}
