import { randomUUID } from 'node:crypto';
import { LetterAddresses } from '../../dist/libs/letters/src/delivery/letter-addresses.js';
import { openLetterAction } from './letter-setup.mjs';
import { openPetition } from './petition-setup.mjs';

/** Ministries written to besides the two of the letter action's own setup: replies come from ten offices. */
const MORE_TARGETS = [
  'Education',
  'Health',
  'Foreign Affairs',
  'Labour',
  'Housing',
  'Solidarity',
  'Overseas Territories',
  'Digital Affairs',
];

/**
 * `count` letters already handed to the relay (status `handed`), spread over ten ministries, as a letter action
 * leaves them once sent: each its own supporter and submission, and the reply address, bounce address and
 * Message-ID that Rally's LetterAddresses gives it under the stack's SECRET_KEY and reply domain. The action and
 * targets are made through the staff API (bench/lib/letter-setup.mjs), the letters in one INSERT as
 * bench/lib/letter-delivery.mjs makes queued ones. Returns, in order, what the load generator needs of each letter.
 */
export async function handedLetters(stack, count) {
  const petition = await openPetition(stack);
  const action = await openLetterAction(petition);
  for (const ministry of MORE_TARGETS)
    await petition.staff('POST', '/targets', {
      kind: 'minister',
      name: `Minister of ${ministry}`,
      title: `Minister of ${ministry}`,
      body: `Ministry of ${ministry}`,
      salutation: 'Dear Minister',
      country: 'FR',
      language: 'en',
      emails: [`cabinet@${ministry.toLowerCase().replace(/\W+/g, '-')}.gouv.example.fr`],
    });
  const [{ organization_id: organisationId }] = await stack.query(
    `SELECT organization_id FROM letter_actions WHERE id = $1`,
    [action.actionId],
  );
  const targets = await stack.query(
    `SELECT t.id, e.id AS email_id, e.address, e.address_normalized
       FROM targets t JOIN target_emails e ON e.target_id = t.id AND e.position = 0
      WHERE t.organization_id = $1 ORDER BY t.name`,
    [organisationId],
  );
  const addresses = new LetterAddresses(stack.env.SECRET_KEY, stack.env.LETTER_REPLY_DOMAIN);
  const subject = 'Children do not belong in detention';
  const letters = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const target = targets[i % targets.length];
    return {
      id,
      submissionId: randomUUID(),
      targetId: target.id,
      email: `inbound-writer-${i}@example.org`,
      replyTo: addresses.replyTo(id),
      bounceAddress: addresses.bounceAddress(id),
      messageId: addresses.messageId(id),
      recipient: target.address,
      subject,
    };
  });
  for (let i = 0; i < letters.length; i += 5000) {
    const batch = letters.slice(i, i + 5000).map((l) => ({
      letter_id: l.id,
      submission_id: l.submissionId,
      target_id: l.targetId,
      email: l.email,
      reply_to: l.replyTo,
      message_id: l.messageId,
    }));
    await stack.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json)
             AS x(letter_id uuid, submission_id uuid, target_id uuid, email text, reply_to text, message_id text)),
       subs AS (
         INSERT INTO letter_submissions (id, organization_id, action_id, email, email_normalized, first_name, last_name,
             postcode, country, consent_given, consent_wording, language, status, confirmed_at, mails_sent, flagged)
         SELECT submission_id, $2, $3, email, email, 'Amina', 'Diallo', '75011', 'FR', true, 'consent', 'en',
                'confirmed', now(), 1, false
           FROM input
         RETURNING id)
       INSERT INTO letters (id, organization_id, action_id, submission_id, target_id, target_email_id, recipient,
           address_normalized, supporter_email_normalized, sender, reply_to, message_id, language, subject, body,
           status, test_mode, handed_at, created_at, updated_at)
       SELECT i.letter_id, $2, $3, i.submission_id, i.target_id, e.id, e.address, e.address_normalized, i.email,
              '"Amina D. via Bench Org" <campaigns@bench.example.org>', i.reply_to, i.message_id, 'en', $4,
              'Dear Minister,\n\nI ask you to end the detention of children.\n\nYours sincerely,\nAmina Diallo',
              'handed', false, now(), now(), now()
         FROM input i JOIN target_emails e ON e.target_id = i.target_id AND e.position = 0`,
      [JSON.stringify(batch), organisationId, action.actionId, subject],
    );
  }
  return { organisationId, letters };
}
