import { randomInt, randomUUID } from 'node:crypto';
import type { RoutableTarget } from '#rally/targets';
import type { LetterAction } from '../entities/letter-action.entity.js';
import type { LetterTemplate } from '../entities/letter-template.entity.js';
import type { LetterAddresses } from '../delivery/letter-addresses.js';
import { letterSender } from '../delivery/letter-addresses.js';
import type { LetterContextInput } from '../template/merge-fields.js';
import { targetMergeValues } from '../template/merge-fields.js';
import type { LetterTemplates } from '../template/letter-templates.js';
import type { LetterInput } from './letter-input.js';

/** What a letter action needs around it to write letters: its campaign, organisation and letters. */
export interface LetterActionContext {
  action: LetterAction;
  templates: LetterTemplate[];
  campaignName: string;
  organisationName: string;
  /** From-address of the organisation's letters (its sending address, else the installation's). */
  sendingAddress: string;
}

/** One letter as it will be stored and sent. */
export interface ComposedLetter {
  id: string;
  subjectIndex: number;
  target: RoutableTarget;
  language: string;
  subject: string;
  body: string;
  recipient: string;
  addressNormalized: string;
  sender: string;
  replyTo: string;
  messageId: string;
}

/** The target's language when the action has a letter in it, else the action's own. */
export function templateFor(ctx: LetterActionContext, language: string): LetterTemplate | undefined {
  return (
    ctx.templates.find((t) => t.language === language) ?? ctx.templates.find((t) => t.language === ctx.action.language)
  );
}

const countryNames = new Map<string, Intl.DisplayNames>();
function countryName(code: string, language: string): string {
  let names = countryNames.get(language);
  if (!names) countryNames.set(language, (names = new Intl.DisplayNames([language], { type: 'region' })));
  return names.of(code) ?? code;
}

/** The merge context of one letter: supporter, target, campaign, organisation and the recommendations it cites. */
export function letterContext(
  ctx: LetterActionContext,
  input: Pick<LetterInput, 'firstName' | 'lastName' | 'postcode' | 'region' | 'country' | 'paragraph'>,
  target: Parameters<typeof targetMergeValues>[0] | null,
  language: string,
): LetterContextInput {
  return {
    supporter: {
      firstName: input.firstName,
      lastName: input.lastName,
      region: input.region ?? '',
      postcode: input.postcode ?? '',
      country: countryName(input.country, language),
      paragraph: input.paragraph,
    },
    ...(target ? { target: targetMergeValues(target) } : {}),
    campaign: { name: ctx.campaignName },
    organisation: { name: ctx.organisationName },
    // The recommendation catalogue comes with the coordinator's desk; until then a cited code renders as itself.
    recommendations: ctx.action.recommendationCodes.map((code) => ({ code, title: '', text: '' })),
  };
}

/**
 * Writes every letter of one supporter's send: the template in the target's language, a subject drawn at random,
 * the supporter's own text inserted as text (never compiled), and the addresses that tie replies back to it.
 * In test mode each letter goes to the test recipient; throttling still counts it against nobody.
 */
export function composeLetters(
  ctx: LetterActionContext,
  input: LetterInput,
  targets: RoutableTarget[],
  templates: LetterTemplates,
  addresses: LetterAddresses,
  subjectIndexes: number[] = [],
): ComposedLetter[] {
  const sender = letterSender(input, ctx.organisationName, ctx.sendingAddress);
  return targets.map((target, i) => {
    const template = templateFor(ctx, target.language);
    if (!template) throw new Error(`Letter action ${ctx.action.id} has no letter in ${ctx.action.language}`);
    const planned = subjectIndexes[i];
    const subjectIndex =
      planned !== undefined && planned >= 0 && planned < template.subjects.length
        ? planned
        : randomInt(template.subjects.length);
    const { subject, text } = templates.render(template, letterContext(ctx, input, target, template.language), {
      subjectIndex,
      editedText: input.letter ?? undefined,
    });
    const id = randomUUID();
    return {
      id,
      subjectIndex,
      target,
      language: template.language,
      subject,
      body: text,
      recipient: ctx.action.testMode && ctx.action.testRecipient ? ctx.action.testRecipient : target.email.address,
      addressNormalized: target.email.addressNormalized,
      sender,
      replyTo: addresses.replyTo(id),
      messageId: addresses.messageId(id),
    };
  });
}
